-- Upgrades a Cloakroom session table of release 0.1 (Microsoft SQL Server 2016 and later). Run it once, before deploying
-- the release that needs it; every live session stays valid.
-- 1. The version that lets concurrent requests of one visitor merge their changes; rows start at 0.
ALTER TABLE cloakroom_session ADD session_version BIGINT NOT NULL CONSTRAINT cloakroom_session_version_df DEFAULT 0;
-- 2. Rows are keyed by the key's storage id (the first 40 hex characters of its SHA-256), no longer
--    by the cookie value itself. Only 32-character keys (the old form) are converted.
UPDATE cloakroom_session SET session_key = LOWER(LEFT(CONVERT(VARCHAR(64), HASHBYTES('SHA2_256', session_key), 2), 40)) WHERE LEN(session_key) = 32;
-- 3. The logged-in caller's name, indexed to find a user's sessions; existing rows are anonymous (null).
ALTER TABLE cloakroom_session ADD principal NVARCHAR(255) NULL;
CREATE INDEX cloakroom_session_principal_idx ON cloakroom_session (principal);
