/**
 * Settings: their Django names and defaults, where they are read from (MicroProfile Config,
 * system properties, environment variables) and how bad values fail the deployment. They come in
 * groups by who uses them ({@link org.cloakroom.config.CookieSettings},
 * {@link org.cloakroom.config.ExpirySettings}, {@link org.cloakroom.config.SigningKeys}, the file,
 * cache and cleanup settings), and the clock sessions expire by is a bean of its own
 * ({@link org.cloakroom.config.SessionClock}): engines inject the groups they read, never the
 * whole {@link org.cloakroom.config.SessionSettings}. Imports nothing else of Cloakroom.
 */
package org.cloakroom.config;
