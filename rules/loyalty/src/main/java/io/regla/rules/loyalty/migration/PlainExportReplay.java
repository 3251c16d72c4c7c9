package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.Tier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's yardstick: an export's valid rows held in memory by member, then replayed with
 * {@link PlainReplay} (the same rules in plain Java, no engine, no database). {@link #load} is not part of
 * the timed replay; {@link #replay} is.
 */
public final class PlainExportReplay {

    private final Map<String, Member> members = new HashMap<>();
    private final Map<String, List<Object>> events = new HashMap<>();

    private PlainExportReplay() {
    }

    /** The export's rows that pass the single-record checks (duplicates and orphans dropped), grouped by member. */
    public static PlainExportReplay load(Path export) {
        PlainExportReplay p = new PlainExportReplay();
        RowParser parser = new RowParser(ExportGenerator.FIRST.toInstant());
        Map<String, String> memberOfTx = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (LegacyFile file : LegacyFile.values()) {
            try (BufferedReader r = ExportFiles.open(export, file)) {
                long line = 0;
                for (String text = r.readLine(); text != null; text = r.readLine()) {
                    line++;
                    Object row;
                    try {
                        row = parser.parse(file, line, text);
                    } catch (RowParser.Refused e) {
                        continue;
                    }
                    if (!seen.add(file.name() + ((LegacyRows.Row) row).id())) continue;
                    if (row instanceof LegacyRows.Member m) {
                        p.members.put(m.id(), new Member(m.id(), Tier.valueOf(m.tier()), MemberStatus.valueOf(m.status()), m.enrolledOn()));
                    } else if (row instanceof LegacyRows.Transaction t && p.members.containsKey(t.memberId())) {
                        memberOfTx.put(t.id(), t.memberId());
                        p.add(t.memberId(), new CardTransaction(t.id(), t.memberId(), t.amount(), t.currency(), t.category(), t.channel(),
                                t.merchantId(), t.postedAt()));
                    } else if (row instanceof LegacyRows.Refund f && memberOfTx.containsKey(f.transactionId())) {
                        p.add(memberOfTx.get(f.transactionId()), new Refund(f.id(), f.transactionId(), f.amount(), f.refundedAt()));
                    } else if (row instanceof LegacyRows.Redemption x && p.members.containsKey(x.memberId())) {
                        p.add(x.memberId(), new RedemptionRequest(x.id(), x.memberId(), x.points(), x.rewardCode(), x.requestedAt()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        p.events.values().forEach(l -> l.sort(ExportGenerator.EVENT_ORDER));
        return p;
    }

    private void add(String member, Object e) {
        events.computeIfAbsent(member, k -> new ArrayList<>()).add(e);
    }

    public Map<String, Member> members() {
        return members;
    }

    /** Each member's events in replay order. */
    public Map<String, List<Object>> eventsByMember() {
        return events;
    }

    public int events() {
        return events.values().stream().mapToInt(List::size).sum();
    }

    /** Replays every member; returns the sum of the replayed balances (so the work cannot be skipped). */
    public long replay(Instant cutover) {
        PlainReplay replay = new PlainReplay(PlainRules.bundled());
        long sum = 0;
        for (Member m : members.values()) {
            sum += replay.replay(m, events.getOrDefault(m.id(), List.of()), cutover).balance();
        }
        return sum;
    }
}
