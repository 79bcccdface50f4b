/**
 * Internal, not an API (it may change in any release): what Cloakroom counts for operators: {@link org.cloakroom.internal.metrics.SessionMetrics}, moved by the
 * session rules (through their listener), by {@link org.cloakroom.internal.metrics.MeteredEngine} around the
 * engine and by the cleanup, and read by the exporters on top (JMX, Micrometer, MicroProfile
 * Metrics). Container-free: uses the engine SPI only. A request pays a few uncontended adds.
 */
package org.cloakroom.internal.metrics;
