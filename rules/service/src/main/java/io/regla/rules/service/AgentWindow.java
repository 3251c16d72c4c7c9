package io.regla.rules.service;

import java.time.LocalDate;

/**
 * An agent's work over the window (aggregated by the store).
 *
 * @param conversations       conversations started in the window
 * @param successful          of which successful
 * @param peakDay             the day with most conversations started
 * @param peakDayConversations how many that day
 */
public record AgentWindow(String agentId, String agentName, long conversations, long successful, LocalDate peakDay,
                          long peakDayConversations) {

    /** successful / conversations, 0 without conversations. */
    public double successRate() {
        return conversations == 0 ? 0 : (double) successful / conversations;
    }
}
