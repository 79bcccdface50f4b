/**
 * What Cloakroom counts for operators: {@link org.cloakroom.metrics.SessionMetrics}, moved by the
 * session rules (through their listener), by {@link org.cloakroom.metrics.MeteredEngine} around the
 * engine and by the cleanup, and read by the exporters on top (JMX, Micrometer, MicroProfile
 * Metrics). Container-free: uses the engine SPI only. A request pays a few uncontended adds.
 */
package org.cloakroom.metrics;
