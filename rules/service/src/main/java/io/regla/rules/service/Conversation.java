package io.regla.rules.service;

import java.time.Instant;

/**
 * One conversation as the rules classify it (a row of conversations.csv plus what the store knows about it).
 *
 * @param id                  conversation_id
 * @param customerId          customer_id
 * @param startedAt           started_at
 * @param closedAt            closed_at, null while open
 * @param status              ACTIVA, RESUELTA or ESCALADA
 * @param channel             WhatsApp, Email, ... (free text)
 * @param agentId             agent_id, null when no agent was assigned
 * @param result              GENERO_VENTA, ESCALADA, CERRADA_SIN_SOLUCION, or null while active
 * @param customerStatusAfter INTERESADO, CLIENTE_CON_VENTA or INACTIVO, or null
 * @param sales               how many sales are linked to it in the store (the code counts, the rules judge)
 */
public record Conversation(String id, String customerId, Instant startedAt, Instant closedAt, String status,
                           String channel, String agentId, String result, String customerStatusAfter, int sales) {

    public static final String ACTIVA = "ACTIVA";
    public static final String RESUELTA = "RESUELTA";
    public static final String ESCALADA = "ESCALADA";
    public static final String GENERO_VENTA = "GENERO_VENTA";
    public static final String CERRADA_SIN_SOLUCION = "CERRADA_SIN_SOLUCION";
    public static final String INACTIVO = "INACTIVO";
}
