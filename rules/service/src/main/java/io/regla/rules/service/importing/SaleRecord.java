package io.regla.rules.service.importing;

import java.math.BigDecimal;

/** One imported row of sales.csv, typed. */
public record SaleRecord(String id, String productId, String productName, String conversationId, BigDecimal quantity,
                         BigDecimal unitPrice, BigDecimal amount) {
}
