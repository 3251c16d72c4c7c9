package io.regla.adapters.store.jdbc;

import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.migration.LegacyFile;
import io.regla.rules.loyalty.migration.LegacyRows;
import io.regla.rules.loyalty.migration.MigrationStore;
import io.regla.rules.loyalty.migration.MigrationStore.MemberBalance;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CRM migration's reads after the load (issue 11, scale): whatever order the export's rows were loaded in (by member,
 * as the generator writes them, or by time, as a real CRM exports them), the replay reads exactly each chunk's members
 * and every event of theirs as loaded, and the balance verification reads every member's CRM and replayed balance and
 * whether they have a history. On H2 and on PostgreSQL, over random small stores.
 */
class MigrationReadsProperties {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final String[] OFFSETS = {"+00:00", "+01:00", "-05:00", "+05:30"};

    @Property(tries = 12)
    void h2ReadsBackEveryChunksEventsAndEveryBalanceWhateverTheLoadOrder(@ForAll long seed, @ForAll boolean timeOrdered) {
        try (JdbcStore store = JdbcStore.h2(TestDatabases.tempDir("reads").resolve("regla"), Clock.systemUTC())) {
            check(store, seed, timeOrdered);
        }
    }

    @Property(tries = 6)
    void postgresReadsBackEveryChunksEventsAndEveryBalanceWhateverTheLoadOrder(@ForAll long seed, @ForAll boolean timeOrdered) {
        try (JdbcStore store = SharedPostgres.freshStore("reads_" + DATABASES.incrementAndGet())) {
            check(store, seed, timeOrdered);
        }
    }

    private static void check(JdbcStore store, long seed, boolean timeOrdered) {
        Random r = new Random(seed);
        Export x = Export.random(r);
        MigrationStore m = store.loyaltyMigration();
        // loaded in batches of random size, in member order or by time (transactions, refunds, redemptions)
        load(m, LegacyFile.MEMBERS, x.members, r);
        load(m, LegacyFile.TRANSACTIONS, x.ordered(x.transactions, LegacyRows.Transaction::postedAt, LegacyRows.Transaction::memberId, timeOrdered), r);
        load(m, LegacyFile.REFUNDS, x.ordered(x.refunds, LegacyRows.Refund::refundedAt, LegacyRows.Refund::memberId, timeOrdered), r);
        load(m, LegacyFile.REDEMPTIONS, x.ordered(x.redemptions, LegacyRows.Redemption::requestedAt, LegacyRows.Redemption::memberId, timeOrdered), r);

        // the replay's reads: chunks of members in id order, each with exactly its members' events
        List<String> ids = x.members.stream().map(LegacyRows.Member::id).sorted().toList();
        // the load's members in memory: every migrated member's id once, in id order, from the key alone
        List<String> scanned = new ArrayList<>();
        m.forEachMemberId(scanned::add);
        assertThat(scanned).as("member ids (seed %d)", seed).isEqualTo(ids);
        int page = 1 + r.nextInt(5);
        List<String> paged = new ArrayList<>();
        ((JdbcMigrationStore) m).forEachMemberId(paged::add, page);
        assertThat(paged).as("member ids in pages of %d (seed %d)", page, seed).isEqualTo(ids);
        int chunk = 1 + r.nextInt(8);
        String after = null;
        int seen = 0;
        for (List<Member> members = m.membersAfter(null, chunk); !members.isEmpty(); members = m.membersAfter(after, chunk)) {
            List<String> got = members.stream().map(Member::id).toList();
            assertThat(got).isEqualTo(ids.subList(seen, Math.min(ids.size(), seen + chunk)));
            seen += got.size();
            after = got.get(got.size() - 1);
            List<String> events = m.eventsOfMembers(got.get(0), after).stream().map(Object::toString).sorted().toList();
            assertThat(events).as("events of members %s to %s (seed %d, %s)", got.get(0), after, seed, timeOrdered ? "by time" : "by member")
                    .isEqualTo(x.eventsOf(got));
        }
        assertThat(seen).isEqualTo(ids.size());

        // the verification's read: the replayed balance is every ledger entry but the opening adjustment
        store.ledger().postAll(x.postings);
        List<MemberBalance> balances = new ArrayList<>();
        m.balances("OPENING-", balances::add);
        assertThat(balances).as("balances (seed %d, %s)", seed, timeOrdered ? "by time" : "by member").isEqualTo(x.balances());
    }

    private static void load(MigrationStore m, LegacyFile file, List<? extends LegacyRows.Row> rows, Random r) {
        int batches = 0;
        for (int i = 0; i < rows.size(); ) {
            int n = Math.min(rows.size() - i, 1 + r.nextInt(7));
            m.commit(file, rows.subList(i, i + n), List.of(), "load-" + file.key(), new MigrationStore.Checkpoint(++batches, null));
            i += n;
        }
    }

    /** A small export as the load stores it, what the replay must read of it, and ledger postings to sum. */
    private record Export(List<LegacyRows.Member> members, List<LegacyRows.Transaction> transactions, List<LegacyRows.Refund> refunds,
                          List<LegacyRows.Redemption> redemptions, List<Posting> postings, Map<String, Long> ledgerSums) {

        static Export random(Random r) {
            List<LegacyRows.Member> members = new ArrayList<>();
            List<LegacyRows.Transaction> txs = new ArrayList<>();
            List<LegacyRows.Refund> refunds = new ArrayList<>();
            List<LegacyRows.Redemption> redemptions = new ArrayList<>();
            List<Posting> postings = new ArrayList<>();
            Map<String, Long> sums = new HashMap<>();
            String[] tiers = {"CLASSIC", "GOLD", "PLATINUM", "BLACK"};
            int n = r.nextInt(30);
            Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
            long line = 0;
            for (int i = 0; i < n; i++) {
                // ids spread over the id space, some sharing a prefix with others (M00000012 and M000000120 sort apart)
                String id = r.nextInt(5) == 0 ? String.format("M%09d", r.nextInt(1000)) : String.format("M%08d", r.nextInt(100_000));
                if (members.stream().anyMatch(mm -> mm.id().equals(id))) continue;
                members.add(new LegacyRows.Member(++line, id, "D" + i, "Nombre " + i, "m" + i + "@example.com", tiers[r.nextInt(tiers.length)], "ACTIVE",
                        LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1000)), r.nextInt(5000)));
                int k = r.nextInt(6);
                for (int j = 0; j < k; j++) {
                    OffsetDateTime at = at(r, t0);
                    BigDecimal amount = BigDecimal.valueOf(r.nextInt(100_000), r.nextInt(3));
                    LegacyRows.Transaction t = new LegacyRows.Transaction(++line, id + "-T" + j, id, at, amount, "EUR",
                            r.nextBoolean() ? "GROCERIES" : "TRAVEL", r.nextInt(4) == 0 ? null : "MER" + r.nextInt(50), r.nextBoolean() ? "POS" : "ONLINE");
                    txs.add(t);
                    if (r.nextInt(3) == 0) {
                        refunds.add(new LegacyRows.Refund(++line, id + "-F" + j, t.id(), id, at.plusDays(1 + r.nextInt(30)),
                                amount.divide(BigDecimal.valueOf(2 + r.nextInt(3)), 2, java.math.RoundingMode.DOWN)));
                    }
                }
                int q = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0;
                for (int j = 0; j < q; j++) {
                    redemptions.add(new LegacyRows.Redemption(++line, id + "-R" + j, id, at(r, t0), 1 + r.nextInt(500), r.nextBoolean() ? "CINE" : null));
                }
                // ledger entries of the replay, and for some members an opening adjustment the verification must not count
                int e = r.nextInt(4);
                for (int j = 0; j < e; j++) {
                    long points = 1 + r.nextInt(1000);
                    postings.add(new Posting.Adjustment(id, "REPLAY-" + id + "-" + j, points, t0, t0.plusSeconds(86_400L * 700), "prueba"));
                    sums.merge(id, points, Long::sum);
                }
                if (r.nextInt(4) == 0) {
                    postings.add(new Posting.Adjustment(id, "OPENING-" + id, 1 + r.nextInt(100), t0, t0.plusSeconds(86_400L * 700), "saldo de apertura"));
                }
            }
            Collections.shuffle(postings, r);
            return new Export(members, txs, refunds, redemptions, postings, sums);
        }

        private static OffsetDateTime at(Random r, Instant t0) {
            return t0.plusSeconds(r.nextInt(365 * 86_400)).atOffset(ZoneOffset.of(OFFSETS[r.nextInt(OFFSETS.length)]));
        }

        /** The rows as a CRM exports them: by time (ties by id), or grouped by member as the generator writes them. */
        <T extends LegacyRows.Row> List<T> ordered(List<T> rows, Function<T, OffsetDateTime> at, Function<T, String> member, boolean byTime) {
            List<T> out = new ArrayList<>(rows);
            out.sort(byTime ? Comparator.comparing((T t) -> at.apply(t).toInstant()).thenComparing(LegacyRows.Row::id)
                    : Comparator.comparing(member).thenComparing(LegacyRows.Row::id));
            return out;
        }

        /** Every event of these members as the replay decides it, sorted by its text. */
        List<String> eventsOf(List<String> ids) {
            List<String> out = new ArrayList<>();
            for (LegacyRows.Transaction t : transactions) {
                if (ids.contains(t.memberId())) {
                    out.add(new CardTransaction(t.id(), t.memberId(), t.amount().stripTrailingZeros(), t.currency(), t.category(), t.channel(),
                            t.merchantId(), t.postedAt()).toString());
                }
            }
            for (LegacyRows.Refund f : refunds) {
                if (ids.contains(f.memberId())) out.add(new Refund(f.id(), f.transactionId(), f.amount().stripTrailingZeros(), f.refundedAt()).toString());
            }
            for (LegacyRows.Redemption d : redemptions) {
                if (ids.contains(d.memberId())) {
                    out.add(new RedemptionRequest(d.id(), d.memberId(), d.points(), d.rewardCode(), d.requestedAt()).toString());
                }
            }
            Collections.sort(out);
            return out;
        }

        /** Every member in id order: tier, CRM balance, ledger sum without the opening, and whether a transaction or redemption is theirs. */
        List<MemberBalance> balances() {
            Map<String, MemberBalance> out = new TreeMap<>();
            for (LegacyRows.Member mm : members) {
                boolean history = transactions.stream().anyMatch(t -> t.memberId().equals(mm.id()))
                        || redemptions.stream().anyMatch(d -> d.memberId().equals(mm.id()));
                out.put(mm.id(), new MemberBalance(mm.id(), mm.tier(), mm.pointsBalance(), ledgerSums.getOrDefault(mm.id(), 0L), history));
            }
            return new ArrayList<>(out.values());
        }
    }
}
