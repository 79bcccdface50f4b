/**
 * Persistence: the JPA entity behind the database engines, the {@code cloakroom} persistence unit
 * (resource-local, the server's default datasource) and how to use your own.
 */
package org.cloakroom.persistence;
