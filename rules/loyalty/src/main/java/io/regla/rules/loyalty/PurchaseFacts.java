package io.regla.rules.loyalty;

import io.regla.rules.loyalty.ledger.PurchaseRecord;
import io.regla.rules.loyalty.ledger.RefundRecord;

import java.util.ArrayList;
import java.util.List;

/** Maps the rules' purchase and refund facts to the purchase history's own values and back, field for field. */
final class PurchaseFacts {

    private PurchaseFacts() {
    }

    static PurchaseRecord record(CardTransaction t) {
        return new PurchaseRecord(t.id(), t.memberId(), t.amount(), t.currency(), t.category(), t.channel(), t.merchantId(), t.at());
    }

    static CardTransaction transaction(PurchaseRecord p) {
        return new CardTransaction(p.id(), p.memberId(), p.amount(), p.currency(), p.category(), p.channel(), p.merchantId(), p.at());
    }

    static List<RefundRecord> refunds(List<Refund> refunds) {
        List<RefundRecord> out = new ArrayList<>(refunds.size());
        for (Refund f : refunds) out.add(new RefundRecord(f.id(), f.transactionId(), f.amount()));
        return out;
    }
}
