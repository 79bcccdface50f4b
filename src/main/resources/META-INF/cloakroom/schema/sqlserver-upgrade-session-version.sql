-- Upgrades a Cloakroom session table created before session_version existed (Microsoft SQL Server 2016 and later).
-- Adds the version that lets concurrent requests of one visitor merge their changes; existing
-- rows start at 0. Run it once, before deploying the version of Cloakroom that needs it.
ALTER TABLE cloakroom_session ADD session_version BIGINT NOT NULL CONSTRAINT cloakroom_session_version_df DEFAULT 0;
