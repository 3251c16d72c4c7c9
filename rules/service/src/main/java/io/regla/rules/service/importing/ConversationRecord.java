package io.regla.rules.service.importing;

import java.time.Instant;

/** One imported row of conversations.csv, typed. Customer and agent names and comments are personal: never log them. */
public record ConversationRecord(String id, String customerId, String customerName, Instant startedAt, Instant closedAt,
                                 String status, String channel, String agentId, String agentName,
                                 Long firstResponseSeconds, Long resolutionSeconds, String result,
                                 String customerStatusAfter, String agentComments) {
}
