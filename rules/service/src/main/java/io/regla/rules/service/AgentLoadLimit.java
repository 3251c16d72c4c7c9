package io.regla.rules.service;

/** Reference data (agent-load.csv): the most conversations one agent should start in a day. */
public record AgentLoadLimit(int maxConversationsPerDay) {
}
