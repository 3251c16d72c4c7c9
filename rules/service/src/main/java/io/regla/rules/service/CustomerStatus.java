package io.regla.rules.service;

import io.regla.api.Action;

/**
 * The customer's status as one conversation leaves it (chart 5). Over a period, a customer counts once, with the
 * status of highest {@code rank} among their conversations of the period (ranks are the rule set's table
 * status-ranks.csv, so an analyst decides whether a sale outweighs an open conversation).
 *
 * @param status INTERESADO, EN_SEGUIMIENTO, CONVERTIDO or NO_INTERESADO
 */
public record CustomerStatus(String conversationId, String customerId, String status, int rank) implements Action {

    public static final String INTERESADO = "INTERESADO";
    public static final String EN_SEGUIMIENTO = "EN_SEGUIMIENTO";
    public static final String CONVERTIDO = "CONVERTIDO";
    public static final String NO_INTERESADO = "NO_INTERESADO";

    /** In the order chart 5 stacks them. */
    public static final java.util.List<String> STATUSES = java.util.List.of(INTERESADO, EN_SEGUIMIENTO, CONVERTIDO, NO_INTERESADO);
}
