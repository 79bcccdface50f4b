-- Cloakroom session table for MariaDB and MySQL (InnoDB).
CREATE TABLE cloakroom_session (
    session_key  VARCHAR(40)  NOT NULL,
    session_data MEDIUMTEXT   NOT NULL,
    expire_date  DATETIME(6)  NOT NULL,
    session_version BIGINT   NOT NULL DEFAULT 0,
    principal    VARCHAR(255) NULL,
    PRIMARY KEY (session_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE INDEX cloakroom_session_expire_date_idx ON cloakroom_session (expire_date);
CREATE INDEX cloakroom_session_principal_idx ON cloakroom_session (principal);
