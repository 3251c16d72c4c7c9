package io.regla.rules.service;

/**
 * Reference data (first-response-thresholds.csv): the longest acceptable mean first response on a channel, in
 * seconds. The row whose channel is {@code *} applies to channels the table does not name.
 */
public record FirstResponseThreshold(String channel, long seconds) {
}
