package io.regla.rules.loyalty.service;

import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.api.action.Rejection;
import io.regla.rules.loyalty.Campaign;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.ledger.EntryKind;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.ledger.PointsBalance;
import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.rules.loyalty.ledger.PurchaseHistory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The loyalty programme one event at a time, for other services (the HTTP API): post a card transaction, a
 * refund or a redemption request, read a balance or a statement. Each event goes through the same
 * {@link LoyaltyProcessor} as a batch replay (the version effective at the event's own time, the ledger's
 * idempotent postings), so an event posted here and the same event in a replay give the same ledger.
 *
 * <p>Idempotence is the ledger's: an event id already posted is answered {@link EventOutcome.Status#ALREADY_POSTED}
 * with the entries it wrote then. Thread-safe: concurrent calls for one member are serialised by the ledger,
 * and a redemption whose lots changed meanwhile is decided again.
 */
public final class LoyaltyService {

    private final RulesEngine engine;
    private final Ledger ledger;
    private final MemberDirectory members;
    private final PurchaseHistory purchases;
    private final List<Campaign> campaigns;
    private final Clock clock;

    private LoyaltyService(Builder b) {
        this.engine = b.engine;
        this.ledger = b.ledger;
        this.members = b.members;
        this.purchases = b.purchases != null ? b.purchases : b.ledger instanceof PurchaseHistory h ? h : null;
        this.campaigns = List.copyOf(b.campaigns);
        this.clock = b.clock;
        if (purchases == null) {
            throw new IllegalArgumentException("the ledger keeps no purchase history: give one with purchases(...) so refunds find their purchase");
        }
    }

    public static Builder builder(RulesEngine engine, Ledger ledger, MemberDirectory members) {
        return new Builder(engine, ledger, members);
    }

    public Optional<Member> member(String memberId) {
        return members.find(memberId);
    }

    public void saveMember(Member member) {
        members.save(Objects.requireNonNull(member, "member"));
    }

    /** @throws UnknownMemberException if the member is neither in the directory nor in the ledger */
    public PointsBalance balance(String memberId, Instant asOf) {
        requireKnown(memberId);
        return ledger.balance(memberId, asOf);
    }

    /** @throws UnknownMemberException if the member is neither in the directory nor in the ledger */
    public PointsStatement statement(String memberId, Instant asOf) {
        requireKnown(memberId);
        return ledger.statement(memberId, asOf);
    }

    /**
     * Decides and posts one event.
     *
     * @throws IllegalArgumentException if the event is before the first loyalty version's effective date
     */
    public EventOutcome post(CardTransaction transaction) {
        return process(transaction, "TRANSACTION", transaction.id(), transaction.memberId(), EntryKind.ACCRUAL);
    }

    public EventOutcome post(RedemptionRequest redemption) {
        return process(redemption, "REDEMPTION", redemption.id(), redemption.memberId(), EntryKind.REDEMPTION);
    }

    public EventOutcome post(Refund refund) {
        var found = purchases.purchases(List.of(refund.transactionId())).get(refund.transactionId());
        String memberId = found == null ? null : found.transaction().memberId();
        return process(refund, "REFUND", refund.id(), memberId, EntryKind.REVERSAL);
    }

    /** The rule set version an event at this instant is decided by. */
    public Optional<RuleSetInfo> versionAt(Instant at) {
        return engine.registry().versions(LoyaltyProcessor.RULE_SET).stream()
                .filter(v -> !v.effectiveFrom().isAfter(at))
                .max(java.util.Comparator.comparing(RuleSetInfo::effectiveFrom));
    }

    private EventOutcome process(Object event, String kind, String id, String memberId, EntryKind entryKind) {
        List<Rejection> rejections = new ArrayList<>();
        LoyaltyReport report = LoyaltyProcessor.builder(engine, ledger)
                .membersIn(members::find)
                .purchases(purchases)
                .campaigns(campaigns)
                .onRejection(r -> {
                    if (r.command().endsWith(" " + id)) rejections.add(r);
                })
                .build()
                .process(List.of(event));
        PointsBalance balance = memberId == null ? null : ledger.balance(memberId, clock.instant());
        if (!rejections.isEmpty()) {
            return new EventOutcome(kind, id, memberId, EventOutcome.Status.REJECTED, rejections, List.of(), balance);
        }
        List<LedgerEntry> entries = memberId == null ? List.of() : ledger.entries(memberId).stream()
                .filter(e -> e.kind() == entryKind && e.sourceId().equals(id)).toList();
        EventOutcome.Status status = report.duplicates() > 0 ? EventOutcome.Status.ALREADY_POSTED
                : entries.isEmpty() ? EventOutcome.Status.NOTHING_TO_POST : EventOutcome.Status.POSTED;
        return new EventOutcome(kind, id, memberId, status, List.of(), entries, balance);
    }

    private void requireKnown(String memberId) {
        if (members.find(memberId).isEmpty() && ledger.entries(memberId).isEmpty()) {
            throw new UnknownMemberException(memberId);
        }
    }

    /** A member neither the directory nor the ledger knows. */
    public static final class UnknownMemberException extends RuntimeException {
        public UnknownMemberException(String memberId) {
            super("no member " + memberId);
        }
    }

    public static final class Builder {
        private final RulesEngine engine;
        private final Ledger ledger;
        private final MemberDirectory members;
        private PurchaseHistory purchases;
        private List<Campaign> campaigns = List.of();
        private Clock clock = Clock.systemUTC();

        private Builder(RulesEngine engine, Ledger ledger, MemberDirectory members) {
            this.engine = Objects.requireNonNull(engine, "engine");
            this.ledger = Objects.requireNonNull(ledger, "ledger");
            this.members = Objects.requireNonNull(members, "members");
        }

        /** Where refunds find their purchase; by default the ledger when it keeps one (the JDBC ledger does). */
        public Builder purchases(PurchaseHistory purchases) {
            this.purchases = Objects.requireNonNull(purchases);
            return this;
        }

        public Builder campaigns(List<Campaign> campaigns) {
            this.campaigns = List.copyOf(campaigns);
            return this;
        }

        /** The clock of balances reported after an event (events carry their own time). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public LoyaltyService build() {
            return new LoyaltyService(this);
        }
    }
}
