-- Upgrades a Cloakroom session table created before session_version existed (Oracle Database 12c and later).
-- Adds the version that lets concurrent requests of one visitor merge their changes; existing
-- rows start at 0. Run it once, before deploying the version of Cloakroom that needs it.
ALTER TABLE cloakroom_session ADD (session_version NUMBER(19) DEFAULT 0 NOT NULL);
