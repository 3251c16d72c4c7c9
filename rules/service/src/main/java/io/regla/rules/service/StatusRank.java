package io.regla.rules.service;

/** Reference data (status-ranks.csv): which status wins when a customer has several conversations in a period. */
public record StatusRank(String status, int rank) {
}
