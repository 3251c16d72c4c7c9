package io.regla.rules.loyalty.ledger;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A purchase history in memory, for ledgers whose store keeps none (tests, one-shot replays): it grows with
 * every purchase, so long-running processors use their store's ({@code JdbcLedger} is one).
 */
public final class InMemoryPurchaseHistory implements PurchaseHistory {

    private final Map<String, PurchaseRecord> transactions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, BigDecimal>> refunds = new ConcurrentHashMap<>();

    @Override
    public Map<String, Purchase> purchases(Collection<String> transactionIds) {
        Map<String, Purchase> out = new HashMap<>();
        for (String id : transactionIds) {
            PurchaseRecord t = transactions.get(id);
            if (t != null) out.put(id, new Purchase(t, refunds.getOrDefault(id, Map.of())));
        }
        return out;
    }

    @Override
    public void recordPurchases(List<PurchaseRecord> list) {
        list.forEach(t -> transactions.putIfAbsent(t.id(), t));
    }

    @Override
    public void recordRefunds(List<RefundRecord> list) {
        list.forEach(f -> refunds.computeIfAbsent(f.transactionId(), k -> new LinkedHashMap<>()).putIfAbsent(f.id(), f.amount()));
    }
}
