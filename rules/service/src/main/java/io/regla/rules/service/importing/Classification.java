package io.regla.rules.service.importing;

/**
 * What the {@code service} rule set decided about one conversation, as the store keeps it.
 *
 * @param customerStatus INTERESADO, EN_SEGUIMIENTO, CONVERTIDO, NO_INTERESADO, or null when no rule classified it
 * @param statusRank     the status's rank (status-ranks.csv), 0 when null
 */
public record Classification(String conversationId, boolean successful, String customerStatus, int statusRank) {
}
