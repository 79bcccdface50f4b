package org.cloakroom.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The test WAR's JAX-RS application. */
@ApplicationPath("api")
public class ItApplication extends Application {
}
