package io.regla.rules.service;

import io.regla.api.Action;

/**
 * An alert the {@code service} rule set raises.
 *
 * @param code     e.g. SLOW_FIRST_RESPONSE, LOW_SUCCESS_RATE, CONVERSATION_WITHOUT_AGENT, AGENT_OVERLOADED
 * @param severity WARNING or CRITICAL
 * @param audience {@link #SUPERVISOR} or {@link #SYSTEM_ADMIN}
 * @param subject  the agent id, channel or conversation id it is about
 * @param message  Spanish text for the dashboard (never a customer's name)
 */
public record ServiceAlert(String code, String severity, String audience, String subject, String message)
        implements Action {

    public static final String SUPERVISOR = "SUPERVISOR";
    public static final String SYSTEM_ADMIN = "SYSTEM_ADMIN";
}
