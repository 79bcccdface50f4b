/** The cleanup: an EJB timer that clears expired sessions on a schedule (Django's clearsessions). */
package org.cloakroom.cleanup;
