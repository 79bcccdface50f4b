DROP TABLE cloakroom_session;
