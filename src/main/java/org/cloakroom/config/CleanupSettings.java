package org.cloakroom.config;

/**
 * The expired-session cleanup: whether the timer runs, when, and how many rows one transaction
 * deletes.
 *
 * @param enabled   {@code SESSION_CLEAR_EXPIRED_ENABLED}
 * @param schedule  {@code SESSION_CLEAR_EXPIRED_SCHEDULE}
 * @param batchSize {@code SESSION_CLEAR_EXPIRED_BATCH_SIZE}
 */
public record CleanupSettings(boolean enabled, ScheduleSetting schedule, int batchSize) {
}
