package io.regla.rules.quality;

import java.math.BigDecimal;

/**
 * A numeric tolerance of a custom check, as reference data ({@code tolerances.csv}) so an analyst changes the
 * threshold in a table, not in DRL.
 *
 * @param check  the check code it applies to (SALE_AMOUNT_MISMATCH)
 * @param amount the largest difference still accepted
 */
public record Tolerance(String check, BigDecimal amount) {
}
