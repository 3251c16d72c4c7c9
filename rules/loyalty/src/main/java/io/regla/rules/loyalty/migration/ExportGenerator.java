package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.Tier;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes a synthetic legacy export (members, transactions, refunds, redemptions) streamed member by member,
 * so its size is bounded by disk, not memory. Each member's {@code points_balance} is what the rules give
 * its history ({@link PlainReplay}) at the cut-over, so a clean export verifies as MATCH everywhere.
 * With faults, one member in a hundred carries one fault, the kinds in turn (so the transaction count
 * moves by a few rows: a faulty member gets at least one purchase, or none for NO_HISTORY_BALANCE), and the
 * generator counts what the migration must find: {@link Result#expectedRejects()} and
 * {@link Result#expectedBalances()}.
 *
 * <p>Two orders ({@link Order}). {@link Order#MEMBER} (the default) writes every file grouped by member, with ids
 * prefixed by the member's ({@code M00001050-T5}): cheap to write, and kind to a store that loads it (each member's rows
 * arrive together). {@link Order#TIME} writes what a core-banking CRM exports: members.csv the same, by member id;
 * transactions.csv, refunds.csv and redemptions.csv each in time order, with ids that grow with time as a bank's
 * numbering does ({@code T}, {@code R} or {@code D}, the 13-digit epoch millis of the row's instant, a 9-digit sequence),
 * so that each file is in id order too, and a refund names its purchase's id as drawn, without a lookup table. The
 * members are still drawn one by one (the same draws as in member order); their rows go to sorted runs on disk of at
 * most {@link #DEFAULT_RUN_ROWS} rows and a k-way merge writes the files, so memory stays bounded. A repeated id (an
 * injected duplicate) has its original's instant and comes after it in the file, so the expectations hold in both orders.
 */
public final class ExportGenerator {

    public static final OffsetDateTime DEFAULT_CUTOVER = OffsetDateTime.parse("2025-12-01T00:00:00-03:00");
    static final OffsetDateTime FIRST = OffsetDateTime.parse("2024-01-01T00:00:00-03:00");
    static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    private static final String[] CATEGORIES = {"SUPERMARKET", "SUPERMARKET", "SUPERMARKET", "FUEL", "FUEL", "TRAVEL", "OTHER", "OTHER",
            "RESTAURANT", "PHARMACY"};
    private static final String[] FIRST_NAMES = {"Ana", "Juan", "María", "Carlos", "Lucía", "Martín", "Sofía", "Diego", "Valentina", "Jorge"};
    private static final String[] LAST_NAMES = {"Pérez", "González", "Rodríguez", "Fernández", "López", "Martínez", "García", "Romero"};
    private static final long[] REWARDS = {500, 1000, 2500, 5000};

    /** The order of transactions.csv, refunds.csv and redemptions.csv (members.csv is by member id in both). */
    public enum Order {
        /** Grouped by member, ids prefixed by the member's id ({@code M00001050-T5}). */
        MEMBER,
        /** By time (posted_at, refunded_at, requested_at), ids derived from the time ({@code T1718000000000000000042}). */
        TIME;

        /** {@code member} or {@code time}, any case. */
        public static Order parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("order '" + text + "' is not member or time");
            }
        }
    }

    /** Rows a time-ordered export keeps in memory before it sorts them into a run on disk. */
    public static final int DEFAULT_RUN_ROWS = 1 << 20;

    /** The kinds of fault, one per faulty member. */
    enum Fault {
        DUPLICATE_MEMBER, UNKNOWN_TIER, UNKNOWN_STATUS, MISSING_TIER, BAD_BALANCE, DUPLICATE_TRANSACTION, ORPHAN_TRANSACTION,
        NEGATIVE_TRANSACTION, BAD_DATE_TRANSACTION, MISSING_MEMBER_TRANSACTION, EARLY_TRANSACTION, ORPHAN_REFUND,
        EXCEEDING_REFUND, NEGATIVE_REFUND, DUPLICATE_REFUND, ORPHAN_REDEMPTION, NEGATIVE_REDEMPTION, DRIFT_UP, DRIFT_DOWN,
        NO_HISTORY_BALANCE
    }

    /**
     * What was written and what the migration must find.
     *
     * @param legacy           rows per file (key as in reconciliation.json)
     * @param expectedRejects  per check, the rows the migration must reject
     * @param expectedBalances per class (MATCH, DRIFT_UP, DRIFT_DOWN, NO_HISTORY), the migrated members
     */
    public record Result(Map<String, Long> legacy, Map<String, Long> expectedRejects, Map<String, Long> expectedBalances,
                         Map<String, Long> faults) {
    }

    private final PlainReplay replay = new PlainReplay(PlainRules.bundled());
    private final OffsetDateTime cutover;
    private final int runRows;

    public ExportGenerator(OffsetDateTime cutover) {
        this(cutover, DEFAULT_RUN_ROWS);
    }

    /** {@code runRows}: in time order, rows sorted in memory per run on disk (tests make it small to merge many runs). */
    ExportGenerator(OffsetDateTime cutover, int runRows) {
        if (runRows < 1) throw new IllegalArgumentException("runRows must be positive");
        this.cutover = cutover;
        this.runRows = runRows;
    }

    public ExportGenerator() {
        this(DEFAULT_CUTOVER);
    }

    /** In member order ({@link Order#MEMBER}). */
    public Result generate(Path dir, long members, long transactions, long seed, boolean faults) throws IOException {
        return generate(dir, members, transactions, seed, faults, Order.MEMBER);
    }

    public Result generate(Path dir, long members, long transactions, long seed, boolean faults, Order order) throws IOException {
        java.util.Objects.requireNonNull(order, "order");
        if (members < 1 || transactions < 0) throw new IllegalArgumentException("--members must be positive and --transactions not negative");
        Files.createDirectories(dir);
        SplittableRandom weights = new SplittableRandom(seed);
        double total = 0;
        for (long i = 0; i < members; i++) total += weight(weights);
        Counts counts = new Counts();
        // one member in a hundred carries a fault, kinds in turn (every kind at least once from 20 members on)
        long faulty = Math.max(Fault.values().length, members / 100);
        long period = faults ? Math.max(1, members / faulty) : Long.MAX_VALUE;
        try (ExportSink sink = order == Order.TIME ? new TimeOrderSink(dir, runRows) : new MemberOrderSink(dir)) {
            Writers w = new Writers(sink, order == Order.TIME ? new TimeIds() : MEMBER_IDS);
            SplittableRandom again = new SplittableRandom(seed);
            SplittableRandom rnd = new SplittableRandom(seed * 31 + 7);
            double cum = 0;
            long assigned = 0;
            for (long i = 0; i < members; i++) {
                cum += weight(again);
                long upTo = Math.round(transactions * (cum / total));
                int count = (int) (upTo - assigned);
                assigned = upTo;
                Fault fault = faults && i % period == period / 2 ? Fault.values()[(int) ((i / period) % Fault.values().length)] : null;
                member(w, i, count, rnd, fault, counts);
            }
            sink.finish();
        }
        return new Result(sorted(counts.legacy), sorted(counts.rejects), sorted(counts.balances), sorted(counts.faults));
    }

    /** Read-only and in key order, so that what the command prints is the same from run to run. */
    private static Map<String, Long> sorted(Map<String, Long> m) {
        return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
    }

    /** Transactions per member vary (0.3x to 1.7x the mean); one member in fifty has none. */
    private static double weight(SplittableRandom r) {
        double w = 0.3 + 1.4 * r.nextDouble();
        return r.nextInt(50) == 0 ? 0 : w;
    }

    private record Writers(ExportSink sink, Ids ids) {
    }

    /** The ids of the rows the generator draws, in the export's numbering. */
    private interface Ids {
        /** The {@code k}-th purchase drawn for a member. */
        String transaction(String memberId, int k, OffsetDateTime at);

        /** A refund of a purchase; {@code suffix} tells the refunds of one purchase apart ({@code F1}, {@code F2}, …). */
        String refund(String transactionId, String suffix, OffsetDateTime at);

        /** The {@code n}-th redemption drawn for a member. */
        String redemption(String memberId, int n, OffsetDateTime at);

        /** An injected faulty row of a member ({@code suffix} tells the faults apart, {@code TO}, {@code FO}…). */
        String fault(LegacyFile file, String memberId, String suffix, OffsetDateTime at);
    }

    /** Member order: ids prefixed by the member's, as the generator always wrote them. */
    private static final Ids MEMBER_IDS = new Ids() {
        @Override
        public String transaction(String memberId, int k, OffsetDateTime at) {
            return memberId + "-T" + k;
        }

        @Override
        public String refund(String transactionId, String suffix, OffsetDateTime at) {
            return transactionId + "-" + suffix;
        }

        @Override
        public String redemption(String memberId, int n, OffsetDateTime at) {
            return memberId + "-R" + n;
        }

        @Override
        public String fault(LegacyFile file, String memberId, String suffix, OffsetDateTime at) {
            return memberId + "-" + suffix;
        }
    };

    /**
     * Time order: a bank's numbering, {@code T}/{@code R}/{@code D}, the row's instant in 13-digit epoch millis, then
     * a 9-digit sequence per file in the order the rows are drawn. Lexicographic order is time order, and the sequence
     * makes each id unique (two purchases of the same second).
     */
    static final class TimeIds implements Ids {
        static final int MILLIS_DIGITS = 13, SEQUENCE_DIGITS = 9;
        private static final long MAX_SEQUENCE = 999_999_999L;
        private final long[] next = new long[LegacyFile.values().length];

        @Override
        public String transaction(String memberId, int k, OffsetDateTime at) {
            return id(LegacyFile.TRANSACTIONS, at);
        }

        @Override
        public String refund(String transactionId, String suffix, OffsetDateTime at) {
            return id(LegacyFile.REFUNDS, at);
        }

        @Override
        public String redemption(String memberId, int n, OffsetDateTime at) {
            return id(LegacyFile.REDEMPTIONS, at);
        }

        @Override
        public String fault(LegacyFile file, String memberId, String suffix, OffsetDateTime at) {
            return id(file, at);
        }

        private String id(LegacyFile file, OffsetDateTime at) {
            long millis = at.toInstant().toEpochMilli();
            if (millis < 1_000_000_000_000L || millis > 9_999_999_999_999L) {
                throw new IllegalArgumentException(at + " has no 13-digit epoch millis: time-ordered ids cover 2001-09-09 to 2286-11-20");
            }
            long sequence = next[file.ordinal()]++;
            if (sequence > MAX_SEQUENCE) throw new IllegalArgumentException(file.fileName() + ": more than " + MAX_SEQUENCE + " rows for 9-digit sequences");
            String s = Long.toString(sequence);
            return prefix(file) + Long.toString(millis) + "000000000".substring(s.length()) + s;
        }

        static char prefix(LegacyFile file) {
            return switch (file) {
                case TRANSACTIONS -> 'T';
                case REFUNDS -> 'R';
                case REDEMPTIONS -> 'D';
                case MEMBERS -> throw new IllegalArgumentException("members keep their ids");
            };
        }

        /** The epoch millis an id of this numbering carries. */
        static long millis(String id) {
            return Long.parseLong(id, 1, 1 + MILLIS_DIGITS, 10);
        }

        /** The sequence an id of this numbering carries. */
        static long sequence(String id) {
            return Long.parseLong(id, 1 + MILLIS_DIGITS, 1 + MILLIS_DIGITS + SEQUENCE_DIGITS, 10);
        }
    }


    /** Closes each, even when one fails; the first failure is thrown with the others suppressed. */
    static void closeAll(List<? extends Closeable> all) throws IOException {
        IOException first = null;
        for (Closeable c : all) {
            if (c == null) continue;
            try {
                c.close();
            } catch (IOException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    private static final class Counts {
        final Map<String, Long> legacy = new TreeMap<>();
        final Map<String, Long> rejects = new TreeMap<>();
        final Map<String, Long> balances = new TreeMap<>(Map.of("MATCH", 0L, "DRIFT_UP", 0L, "DRIFT_DOWN", 0L, "NO_HISTORY", 0L));
        final Map<String, Long> faults = new TreeMap<>();

        void row(LegacyFile f) {
            legacy.merge(f.key(), 1L, Long::sum);
        }

        void reject(String check, long n) {
            if (n > 0) rejects.merge(check, n, Long::sum);
        }
    }

    private void member(Writers w, long i, int count, SplittableRandom rnd, Fault fault, Counts c) throws IOException {
        // a fault needs its material: a purchase to repeat or refund, or no history at all
        if (fault == Fault.NO_HISTORY_BALANCE) count = 0;
        else if (fault != null) count = Math.max(count, 1);
        String id = memberId(i);
        Tier tier = pick(rnd, 60, 25, 10, 5);
        MemberStatus status = rnd.nextInt(100) < 94 ? MemberStatus.ACTIVE : rnd.nextBoolean() ? MemberStatus.BLOCKED : MemberStatus.CLOSED;
        Member member = new Member(id, tier, status, LocalDate.of(2005 + rnd.nextInt(19), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)));
        long span = cutover.toEpochSecond() - FIRST.toEpochSecond();
        List<CardTransaction> txs = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            long at = FIRST.toEpochSecond() + (long) (rnd.nextDouble() * span);
            BigDecimal amount = BigDecimal.valueOf(Math.exp(6 + rnd.nextDouble() * 5.5)).setScale(2, RoundingMode.HALF_UP);
            txs.add(new CardTransaction(w.ids().transaction(id, k, time(at)), id, amount, "ARS", CATEGORIES[rnd.nextInt(CATEGORIES.length)],
                    rnd.nextInt(4) == 0 ? "ONLINE" : "POS", "MER-" + rnd.nextInt(5000), time(at)));
        }
        txs.sort(Comparator.comparing((CardTransaction t) -> t.at().toInstant()).thenComparing(CardTransaction::id));
        List<Object> events = new ArrayList<>(txs);
        List<Refund> refunds = new ArrayList<>();
        for (CardTransaction t : txs) {
            if (rnd.nextInt(100) >= 3) continue;
            OffsetDateTime at = t.at().plusDays(1 + rnd.nextInt(15));
            if (!at.isBefore(cutover)) continue;
            boolean whole = rnd.nextInt(10) < 4;
            BigDecimal part = whole ? t.amount() : t.amount().multiply(BigDecimal.valueOf(30 + rnd.nextInt(41))).movePointLeft(2).setScale(2, RoundingMode.DOWN);
            refunds.add(new Refund(w.ids().refund(t.id(), "F1", at), t.id(), part, at));
            if (!whole && rnd.nextInt(5) == 0 && at.plusDays(2).isBefore(cutover)) {
                BigDecimal rest = t.amount().subtract(part);
                refunds.add(new Refund(w.ids().refund(t.id(), "F2", at.plusDays(2)), t.id(), rest.multiply(BigDecimal.valueOf(rnd.nextInt(101))).movePointLeft(2)
                        .setScale(2, RoundingMode.DOWN), at.plusDays(2)));
            }
        }
        Refund exceeding = null;
        if ((fault == Fault.EXCEEDING_REFUND || fault == Fault.DUPLICATE_REFUND) && !txs.isEmpty()) {
            CardTransaction t = txs.get(0);
            OffsetDateTime at = t.at().plusSeconds(60);
            if (refunds.stream().noneMatch(x -> x.transactionId().equals(t.id())) && at.isBefore(cutover)) {
                BigDecimal sixty = t.amount().multiply(BigDecimal.valueOf(60)).movePointLeft(2).setScale(2, RoundingMode.DOWN);
                refunds.add(new Refund(w.ids().refund(t.id(), "FX1", at), t.id(), sixty, at));
                exceeding = new Refund(w.ids().refund(t.id(), "FX2", at.plusSeconds(60)), t.id(), sixty, at.plusSeconds(60));
            }
        }
        events.addAll(refunds);
        events.sort(EVENT_ORDER);
        // redemptions: now and then a member spends what is available then (the CRM only exported granted ones)
        PlainReplay.Book book = new PlainReplay.Book();
        List<Object> withRedemptions = new ArrayList<>(events.size() + 4);
        int redemptions = 0;
        boolean inOrder = true;
        for (Object e : events) {
            replay.apply(book, member, e);
            withRedemptions.add(e);
            if (e instanceof CardTransaction t && rnd.nextInt(100) < 4) {
                OffsetDateTime at = t.at().plusSeconds(1);
                long available = PlainReplay.available(book, at.toInstant());
                long want = REWARDS[rnd.nextInt(REWARDS.length)];
                if (available >= want && at.isBefore(cutover)) {
                    RedemptionRequest r = new RedemptionRequest(w.ids().redemption(id, redemptions++, at), id, want, "RW-" + want, at);
                    replay.apply(book, member, r);
                    withRedemptions.add(r);
                    // a redemption a second after its purchase passes an event of that second only rarely
                    inOrder &= withRedemptions.size() == events.size() + redemptions
                            || EVENT_ORDER.compare(r, events.get(withRedemptions.size() - redemptions)) <= 0;
                }
            }
        }
        long balance;
        if (inOrder) {
            // the book already replayed the history in the export's order: expire it at the cut-over, no second pass
            replay.expire(book, cutover.toInstant());
            balance = book.balance();
        } else {
            withRedemptions.sort(EVENT_ORDER);
            balance = replay.replay(member, withRedemptions, cutover.toInstant()).balance();
        }
        write(w, c, member, withRedemptions, balance, fault, exceeding, rnd);
    }

    private void write(Writers w, Counts c, Member m, List<Object> events, long balance, Fault fault, Refund exceeding,
                       SplittableRandom rnd) throws IOException {
        String tier = m.tier().name(), status = m.status().name(), balanceText = Long.toString(balance);
        String memberCheck = null;
        if (fault != null) c.faults.merge(fault.name(), 1L, Long::sum);
        if (fault == Fault.UNKNOWN_TIER) { tier = "DIAMOND"; memberCheck = Checks.ENUM; }
        if (fault == Fault.UNKNOWN_STATUS) { status = "PENDING"; memberCheck = Checks.ENUM; }
        if (fault == Fault.MISSING_TIER) { tier = ""; memberCheck = Checks.REQUIRED; }
        if (fault == Fault.BAD_BALANCE) { balanceText = balance + "x"; memberCheck = Checks.TYPE; }
        long drift = 1 + rnd.nextInt(500);
        if (fault == Fault.DRIFT_UP) balanceText = Long.toString(balance + drift);
        if (fault == Fault.DRIFT_DOWN) balanceText = Long.toString(balance - drift);
        boolean noHistory = events.isEmpty();
        if (fault == Fault.NO_HISTORY_BALANCE && noHistory) balanceText = Long.toString(drift);
        String name = LAST_NAMES[rnd.nextInt(LAST_NAMES.length)] + (rnd.nextInt(50) == 0 ? ", " : " ") + FIRST_NAMES[rnd.nextInt(FIRST_NAMES.length)];
        memberRow(w, c, m.id(), String.valueOf(20_000_000 + rnd.nextInt(30_000_000)), name, "cliente." + m.id().toLowerCase() + "@example.com",
                tier, status, m.enrolledOn().toString(), balanceText);
        if (fault == Fault.DUPLICATE_MEMBER) {
            memberRow(w, c, m.id(), "1", "Duplicado", "dup@example.com", "GOLD", "ACTIVE", m.enrolledOn().toString(), "0");
            c.reject(Checks.DUPLICATE_KEY, 1);
        }
        if (memberCheck != null) {
            c.reject(memberCheck, 1);
        } else if (noHistory) {
            c.balances.merge("NO_HISTORY", 1L, Long::sum);
        } else {
            c.balances.merge(fault == Fault.DRIFT_UP ? "DRIFT_UP" : fault == Fault.DRIFT_DOWN ? "DRIFT_DOWN" : "MATCH", 1L, Long::sum);
        }
        boolean rejected = memberCheck != null;
        String id = m.id();
        for (Object e : events) {
            if (e instanceof CardTransaction t) {
                txRow(w, c, t.id(), t.memberId(), IsoTimes.format(t.at()), t.amount().toPlainString(), t.category(), t.merchantId(), t.channel());
                if (rejected) c.reject(Checks.MEMBER_REJECTED, 1);
            } else if (e instanceof Refund f) {
                refundRow(w, c, f.id(), f.transactionId(), IsoTimes.format(f.at()), f.amount().toPlainString());
                if (rejected) c.reject(Checks.TRANSACTION_REJECTED, 1);
            } else if (e instanceof RedemptionRequest r) {
                redemptionRow(w, c, r.id(), r.memberId(), IsoTimes.format(r.at()), Long.toString(r.points()), r.rewardId());
                if (rejected) c.reject(Checks.MEMBER_REJECTED, 1);
            }
        }
        if (fault == null || rejected) return;
        OffsetDateTime some = FIRST.plusDays(100), early = OffsetDateTime.parse("2023-06-01T10:00:00-03:00");
        String someAt = IsoTimes.format(some);
        Ids ids = w.ids();
        switch (fault) {
            case DUPLICATE_TRANSACTION -> {
                CardTransaction t = (CardTransaction) events.stream().filter(e -> e instanceof CardTransaction).findFirst().orElse(null);
                if (t != null) {
                    txRow(w, c, t.id(), id, IsoTimes.format(t.at()), "99999.99", "TRAVEL", "MER-DUP", "POS");
                    c.reject(Checks.DUPLICATE_KEY, 1);
                }
            }
            case ORPHAN_TRANSACTION -> { txRow(w, c, ids.fault(LegacyFile.TRANSACTIONS, id, "TO", some), "X" + id, someAt, "100.00", "OTHER", "MER-1", "POS"); c.reject(Checks.ORPHAN_REFERENCE, 1); }
            case NEGATIVE_TRANSACTION -> { txRow(w, c, ids.fault(LegacyFile.TRANSACTIONS, id, "TN", some), id, someAt, "-500.00", "OTHER", "MER-1", "POS"); c.reject(Checks.RANGE, 1); }
            // (in time order it sits where its date was meant to be, among the rows of that day)
            case BAD_DATE_TRANSACTION -> { txRow(w, c, ids.fault(LegacyFile.TRANSACTIONS, id, "TD", some), id, "2025-13-45T10:00:00-03:00", "100.00", "OTHER", "MER-1", "POS"); c.reject(Checks.TYPE, 1); }
            case MISSING_MEMBER_TRANSACTION -> { txRow(w, c, ids.fault(LegacyFile.TRANSACTIONS, id, "TM", some), "", someAt, "100.00", "OTHER", "MER-1", "POS"); c.reject(Checks.REQUIRED, 1); }
            case EARLY_TRANSACTION -> { txRow(w, c, ids.fault(LegacyFile.TRANSACTIONS, id, "TE", early), id, IsoTimes.format(early), "100.00", "OTHER", "MER-1", "POS"); c.reject(Checks.BEFORE_FIRST_VERSION, 1); }
            case ORPHAN_REFUND -> { refundRow(w, c, ids.fault(LegacyFile.REFUNDS, id, "FO", some), "NO-SUCH-TX", someAt, "10.00"); c.reject(Checks.ORPHAN_REFERENCE, 1); }
            case NEGATIVE_REFUND -> {
                CardTransaction t = (CardTransaction) events.stream().filter(e -> e instanceof CardTransaction).findFirst().orElse(null);
                refundRow(w, c, ids.fault(LegacyFile.REFUNDS, id, "FN", some), t == null ? "NO-SUCH-TX" : t.id(), someAt, "-10.00");
                c.reject(Checks.RANGE, 1);
            }
            case EXCEEDING_REFUND -> {
                if (exceeding != null) {
                    refundRow(w, c, exceeding.id(), exceeding.transactionId(), IsoTimes.format(exceeding.at()), exceeding.amount().toPlainString());
                    c.reject(Checks.REFUND_EXCEEDS_TRANSACTION, 1);
                }
            }
            case DUPLICATE_REFUND -> {
                Refund f = (Refund) events.stream().filter(e -> e instanceof Refund).findFirst().orElse(null);
                if (f != null) {
                    refundRow(w, c, f.id(), f.transactionId(), IsoTimes.format(f.at()), "0.01");
                    c.reject(Checks.DUPLICATE_KEY, 1);
                }
            }
            case ORPHAN_REDEMPTION -> { redemptionRow(w, c, ids.fault(LegacyFile.REDEMPTIONS, id, "RO", some), "X" + id, someAt, "100", "RW-100"); c.reject(Checks.ORPHAN_REFERENCE, 1); }
            case NEGATIVE_REDEMPTION -> { redemptionRow(w, c, ids.fault(LegacyFile.REDEMPTIONS, id, "RN", some), id, someAt, "-100", "RW-100"); c.reject(Checks.RANGE, 1); }
            default -> { }
        }
    }

    /** Time order; ties: transactions, refunds, redemptions, then id (as the migration reads them back). */
    public static final Comparator<Object> EVENT_ORDER = Comparator.comparing((Object e) -> at(e).toInstant())
            .thenComparingInt(ExportGenerator::rank).thenComparing(ExportGenerator::id);

    static OffsetDateTime at(Object e) {
        return e instanceof CardTransaction t ? t.at() : e instanceof Refund f ? f.at() : ((RedemptionRequest) e).at();
    }

    static int rank(Object e) {
        return e instanceof CardTransaction ? 0 : e instanceof Refund ? 1 : 2;
    }

    static String id(Object e) {
        return e instanceof CardTransaction t ? t.id() : e instanceof Refund f ? f.id() : ((RedemptionRequest) e).id();
    }

    private static void memberRow(Writers w, Counts c, Object... v) throws IOException {
        w.sink().member(Csv.line(v));
        c.row(LegacyFile.MEMBERS);
    }

    private static void txRow(Writers w, Counts c, String id, String member, String at, String amount, String category, String merchant,
                              String channel) throws IOException {
        w.sink().event(LegacyFile.TRANSACTIONS, id, Csv.line(id, member, at, amount, "ARS", category, merchant, channel));
        c.row(LegacyFile.TRANSACTIONS);
    }

    private static void refundRow(Writers w, Counts c, String id, Object... v) throws IOException {
        w.sink().event(LegacyFile.REFUNDS, id, Csv.line(prepend(id, v)));
        c.row(LegacyFile.REFUNDS);
    }

    private static void redemptionRow(Writers w, Counts c, String id, Object... v) throws IOException {
        w.sink().event(LegacyFile.REDEMPTIONS, id, Csv.line(prepend(id, v)));
        c.row(LegacyFile.REDEMPTIONS);
    }

    private static Object[] prepend(String id, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = id;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** {@code M} and the index in at least 8 digits, as {@code String.format("M%08d", i)} without its parsing per member. */
    static String memberId(long i) {
        String n = Long.toString(i);
        return n.length() >= 8 ? "M" + n : "M" + "00000000".substring(n.length()) + n;
    }

    private static OffsetDateTime time(long epochSecond) {
        return OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epochSecond), ZONE);
    }

    private static Tier pick(SplittableRandom r, int... percents) {
        int x = r.nextInt(100), acc = 0;
        for (int i = 0; i < percents.length; i++) {
            acc += percents[i];
            if (x < acc) return Tier.values()[i];
        }
        return Tier.BLACK;
    }

    static BufferedWriter writer(Path dir, LegacyFile f) throws IOException {
        BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(Files.newOutputStream(dir.resolve(f.fileName())),
                StandardCharsets.UTF_8), 1 << 20);
        w.write(f.headerLine());
        w.newLine();
        return w;
    }
}
