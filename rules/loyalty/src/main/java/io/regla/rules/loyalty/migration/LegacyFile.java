package io.regla.rules.loyalty.migration;

import java.util.List;

/** The four files of the old CRM's export, their headers (a public format) and their key column. */
public enum LegacyFile {
    MEMBERS("members.csv", "members", List.of("member_id", "document_id", "full_name", "email", "tier", "status", "enrolled_on", "points_balance")),
    TRANSACTIONS("transactions.csv", "transactions", List.of("transaction_id", "member_id", "posted_at", "amount", "currency", "category", "merchant_id", "channel")),
    REFUNDS("refunds.csv", "refunds", List.of("refund_id", "transaction_id", "refunded_at", "amount")),
    REDEMPTIONS("redemptions.csv", "redemptions", List.of("redemption_id", "member_id", "requested_at", "points", "reward_code"));

    private final String fileName;
    private final String key;
    private final List<String> header;

    LegacyFile(String fileName, String key, List<String> header) {
        this.fileName = fileName;
        this.key = key;
        this.header = header;
    }

    public String fileName() {
        return fileName;
    }

    /** Its name in reconciliation.json. */
    public String key() {
        return key;
    }

    public List<String> header() {
        return header;
    }

    public String headerLine() {
        return String.join(",", header);
    }
}
