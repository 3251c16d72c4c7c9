package io.regla.rules.service;

/**
 * Reference data (success-rate.csv): an agent with at least {@code minConversations} in the window and a success
 * rate under {@code minRate} (0..1) is flagged to the supervisor.
 */
public record SuccessRateThreshold(int minConversations, double minRate) {
}
