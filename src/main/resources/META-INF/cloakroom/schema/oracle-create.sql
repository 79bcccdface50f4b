-- Cloakroom session table for Oracle Database 12c and later.
CREATE TABLE cloakroom_session (
    session_key  VARCHAR2(40 CHAR) NOT NULL,
    session_data CLOB              NOT NULL,
    expire_date  TIMESTAMP(6)      NOT NULL,
    session_version NUMBER(19)    DEFAULT 0 NOT NULL,
    principal    VARCHAR2(255 CHAR),
    CONSTRAINT cloakroom_session_pkey PRIMARY KEY (session_key)
);
CREATE INDEX cloakroom_session_expire_date_idx ON cloakroom_session (expire_date);
CREATE INDEX cloakroom_session_principal_idx ON cloakroom_session (principal);
