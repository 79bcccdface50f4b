DROP TABLE IF EXISTS cloakroom_session;
