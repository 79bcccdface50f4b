package org.cloakroom.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's JSON endpoints live under {@code /demo/api}; the page is static, at {@code /demo/}. */
@ApplicationPath("api")
public class DemoApplication extends Application {
}
