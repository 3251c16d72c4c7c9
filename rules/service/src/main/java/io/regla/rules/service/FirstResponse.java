package io.regla.rules.service;

/**
 * An agent's first responses on one channel over the window (aggregated by the store).
 *
 * @param averageSeconds mean first response of the conversations that have one
 */
public record FirstResponse(String agentId, String agentName, String channel, long conversations, double averageSeconds) {
}
