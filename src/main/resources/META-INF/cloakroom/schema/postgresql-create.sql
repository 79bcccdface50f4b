-- Cloakroom session table for PostgreSQL.
CREATE TABLE cloakroom_session (
    session_key  VARCHAR(40)  NOT NULL,
    session_data TEXT         NOT NULL,
    expire_date  TIMESTAMP(6) NOT NULL,
    session_version BIGINT       NOT NULL DEFAULT 0,
    principal    VARCHAR(255),
    CONSTRAINT cloakroom_session_pkey PRIMARY KEY (session_key)
);
CREATE INDEX cloakroom_session_expire_date_idx ON cloakroom_session (expire_date);
CREATE INDEX cloakroom_session_principal_idx ON cloakroom_session (principal);
