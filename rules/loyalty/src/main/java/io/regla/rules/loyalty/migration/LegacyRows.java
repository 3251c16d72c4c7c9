package io.regla.rules.loyalty.migration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/** The export's rows once they passed the single-record checks (typed), as the migration stores them. */
public final class LegacyRows {

    private LegacyRows() {
    }

    /** A row of a file: its line (1 = first after the header) and its key. */
    public sealed interface Row permits Member, Transaction, Refund, Redemption {
        long line();

        String id();
    }

    /** Personal data (document, name, e-mail) is kept as exported and never logged or reported. */
    public record Member(long line, String id, String documentId, String fullName, String email, String tier, String status,
                         LocalDate enrolledOn, long pointsBalance) implements Row {
    }

    public record Transaction(long line, String id, String memberId, OffsetDateTime postedAt, BigDecimal amount, String currency,
                              String category, String merchantId, String channel) implements Row {
    }

    /** @param memberId the member of the refunded transaction (looked up while migrating) */
    public record Refund(long line, String id, String transactionId, String memberId, OffsetDateTime refundedAt,
                         BigDecimal amount) implements Row {
    }

    public record Redemption(long line, String id, String memberId, OffsetDateTime requestedAt, long points,
                             String rewardCode) implements Row {
    }

    /** A rejected row: file, line, its id when it has one, the check that refused it, why (never personal data). */
    public record Reject(LegacyFile file, long line, String recordId, String check, String detail) {
    }
}
