package io.regla.kafka;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.Ledger;
import io.regla.rules.loyalty.ledger.LedgerEntry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The batch side of "a replay from the beginning gives the batch ledger": {@link LoyaltyProcessor} over the
 * JDBC ledger (H2), given the same events in the same order. Entries compare by what they say, not by when
 * they were recorded.
 */
final class BatchReference {

    /** Per member, its entries as {@code KIND sourceId lot points occurredAt}, in ledger order. */
    record Ledgers(Map<String, List<String>> entries, Map<String, Long> rejectionsByCode) {
        long balance(String member) {
            return entries.getOrDefault(member, List.of()).stream()
                    .mapToLong(e -> Long.parseLong(e.split(" ")[3])).sum();
        }
    }

    private BatchReference() {
    }

    static Ledgers batch(RulesEngine engine, SyntheticEvents data, Path dir) {
        Map<String, Member> members = data.members().stream().collect(Collectors.toMap(Member::id, Function.identity()));
        Map<String, Long> rejections = new TreeMap<>();
        try (JdbcStore store = JdbcStore.h2(dir.resolve("batch"), Clock.systemUTC())) {
            Ledger ledger = store.ledger();
            LoyaltyProcessor.builder(engine, ledger).members(members::get)
                    .onRejection(r -> rejections.merge(r.code(), 1L, Long::sum))
                    .build().process(data.values());
            Map<String, List<String>> entries = new TreeMap<>();
            for (Member m : data.members()) {
                List<LedgerEntry> list = ledger.entries(m.id());
                if (!list.isEmpty()) entries.put(m.id(), list.stream().map(BatchReference::line).toList());
            }
            return new Ledgers(entries, rejections);
        }
    }

    /** The stream's output, read from the entries and rejections topics, in the same shape. */
    static Ledgers stream(Collection<LedgerEntry> entries, Collection<String> rejectionCodes) {
        Map<String, List<String>> byMember = new TreeMap<>();
        entries.stream().sorted(java.util.Comparator.comparing(LedgerEntry::memberId).thenComparingLong(LedgerEntry::entryNo))
                .forEach(e -> byMember.computeIfAbsent(e.memberId(), k -> new java.util.ArrayList<>()).add(line(e)));
        Map<String, Long> rejections = new TreeMap<>();
        rejectionCodes.forEach(c -> rejections.merge(c, 1L, Long::sum));
        return new Ledgers(byMember, rejections);
    }

    static String line(LedgerEntry e) {
        return e.entryNo() + ":" + e.kind() + " " + e.sourceId() + " " + (e.lotId().isEmpty() ? "-" : e.lotId()) + " " + e.points()
                + " " + e.occurredAt();
    }
}
