/**
 * Operating Cloakroom, on top of the CDI layer: the counters of {@code org.cloakroom.internal.metrics}
 * exported through JMX always and through the server's metrics API when it has one (Micrometer on
 * WildFly, MicroProfile Metrics on Payara, never a hard dependency), a MicroProfile Health readiness
 * check, and the admin operations (JMX, and a JAX-RS resource that {@code SESSION_ADMIN_ROLE}
 * switches on). Uses the API, config, engine, metrics and cdi packages; nothing uses it.
 */
package org.cloakroom.ops;
