-- Upgrades a Cloakroom session table created before session_version existed (MariaDB and MySQL).
-- Adds the version that lets concurrent requests of one visitor merge their changes; existing
-- rows start at 0. Run it once, before deploying the version of Cloakroom that needs it.
ALTER TABLE cloakroom_session ADD COLUMN session_version BIGINT NOT NULL DEFAULT 0;
