package io.regla.rules.service;

import io.regla.api.Action;

/**
 * The rules' verdict that a conversation was successful: it generated a sale.
 *
 * @param reason GENERO_VENTA (its result says so) or SALE_LINKED (a sale names it)
 */
public record Successful(String conversationId, String reason) implements Action {
}
