/**
 * The API applications use: {@link org.cloakroom.Session} (inject it into a resource) and
 * {@link org.cloakroom.SessionStore} (sessions outside requests).
 */
package org.cloakroom;
