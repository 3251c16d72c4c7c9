package io.regla.rules.service;

import java.time.Instant;

/** A conversation of the window that no agent handled (the store lists them). */
public record Unassigned(String conversationId, String channel, Instant startedAt) {
}
