/**
 * The cleanup: an EJB timer that clears expired sessions on a schedule, and {@code ClearSessions},
 * the same from the command line through plain JDBC (Django's clearsessions).
 */
package org.cloakroom.cleanup;
