package org.cloakroom.bench;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Every endpoint lives under {@code /bench-<engine>/api}. */
@ApplicationPath("api")
public class BenchApplication extends Application {
}
