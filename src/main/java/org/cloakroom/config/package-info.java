/**
 * Settings: their Django names and defaults, where they are read from (MicroProfile Config,
 * system properties, environment variables) and how bad values fail the deployment.
 */
package org.cloakroom.config;
