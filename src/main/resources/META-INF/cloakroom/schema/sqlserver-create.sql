-- Cloakroom session table for Microsoft SQL Server 2016 and later.
CREATE TABLE cloakroom_session (
    session_key  VARCHAR(40)   NOT NULL,
    session_data NVARCHAR(MAX) NOT NULL,
    expire_date  DATETIME2(6)  NOT NULL,
    session_version BIGINT        NOT NULL CONSTRAINT cloakroom_session_version_df DEFAULT 0,
    principal    NVARCHAR(255) NULL,
    CONSTRAINT cloakroom_session_pkey PRIMARY KEY (session_key)
);
CREATE INDEX cloakroom_session_expire_date_idx ON cloakroom_session (expire_date);
CREATE INDEX cloakroom_session_principal_idx ON cloakroom_session (principal);
