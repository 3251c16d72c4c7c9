package io.regla.benchmarks.loyalty;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.PlainLoyaltyProcessor;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.InMemoryPurchaseHistory;
import io.regla.rules.loyalty.ledger.LedgerEntry;
import io.regla.rules.loyalty.migration.ExportGenerator;
import io.regla.rules.loyalty.migration.PlainExportReplay;
import io.regla.rules.loyalty.migration.PlainRules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The replay's rules cost alone: the same valid history replayed in memory, turn by turn in one JVM, thread CPU per round:
 * <ul>
 * <li><b>engine</b>: the migration's way (a chunk of members at a time, {@link LoyaltyProcessor} on an {@link InMemoryLedger}:
 * batches, engine calls, postings with their keys, entries, lot draws), then expired at the cut-over;</li>
 * <li><b>plain, same ledger</b>: {@link PlainLoyaltyProcessor}, the same job with the engine call replaced by the same decisions
 * in plain Java (same batches, same postings into the same {@link InMemoryLedger}); each round checks that both ledgers
 * are the same, entry for entry (a digest of every chunk's entries);</li>
 * <li><b>plain, arithmetic only</b>: {@link PlainExportReplay}, the rules' arithmetic on light lots per member, no ledger
 * (the yardstick of the figures published before).</li>
 * </ul>
 * It prints engine / same-ledger plain (the engine's cost alone), engine / arithmetic-only plain (the engine and the ledger),
 * and the ledger's share (same-ledger minus arithmetic-only), per round and as median (min-max) at the end. No database on
 * any side.
 *
 * <pre>java -cp ... io.regla.benchmarks.loyalty.LoyaltyReplayRatio MEMBERS TRANSACTIONS WORKDIR [BATCH] [MEMBERS_PER_CHUNK] [ROUNDS] [anc] [exec]</pre>
 */
public final class LoyaltyReplayRatio {

    /** recordedAt of every entry on both sides, so the ledgers compare entry for entry. */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** A replay's figures: its thread CPU (the chunks' replays only, not the digest), its report, and its ledgers' digest. */
    record Run(double cpuSeconds, LoyaltyReport report, long entries, long digest) {
    }

    /** One chunk replayed into its ledger (the engine's processor or the plain one). */
    private interface ChunkReplay {
        LoyaltyReport replay(List<Object> events, Function<Collection<String>, Map<String, Member>> members, InMemoryLedger ledger);
    }

    public static void main(String[] args) throws Exception {
        long members = Long.parseLong(args[0]);
        long transactions = Long.parseLong(args[1]);
        Path work = Path.of(args[2]);
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        int perChunk = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 3;
        // "anc": also replay on an engine built with Drools' alpha network compiler, turn by turn with the others;
        // "exec": also replay on an engine that builds loyalty with Drools' executable model, turn by turn
        List<String> extras = args.length > 6 ? List.of(args).subList(6, args.length) : List.of();
        boolean anc = extras.contains("anc");
        boolean exec = extras.contains("exec");
        Path export = work.resolve("export");
        if (!Files.exists(export.resolve("members.csv"))) new ExportGenerator().generate(export, members, transactions, 42, false);
        PlainExportReplay history = PlainExportReplay.load(export);
        Instant cutover = ExportGenerator.DEFAULT_CUTOVER.toInstant();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        PlainRules rules = PlainRules.bundled();
        System.out.printf("%,d members, %,d events; batches of %,d, chunks of %,d members, %d rounds; load average %.2f%n",
                history.members().size(), history.events(), batch, perChunk, rounds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<double[]> figures = new ArrayList<>();
        boolean same = true;
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools();
             DroolsEngine ancEngine = anc ? Regla.builder().bundledRules().alphaNetworkCompiler(true).buildDrools() : null;
             DroolsEngine execEngine = exec ? Regla.builder().bundledRules().executableModel("loyalty").buildDrools() : null) {
            for (int round = 1; round <= rounds; round++) {
                if (ancEngine != null) {
                    Run ra = chunked(history, perChunk, engineSide(ancEngine, batch, cutover));
                    System.out.printf("round %d: with the alpha network compiler %,d events: %.2f s CPU (%,.0f events/s CPU)%n",
                            round, ra.report().events(), ra.cpuSeconds(), ra.report().events() / ra.cpuSeconds());
                }
                if (execEngine != null) {
                    Run rx = chunked(history, perChunk, engineSide(execEngine, batch, cutover));
                    System.out.printf("round %d: on the executable model %,d events: %.2f s CPU (%.1f us/event)%n",
                            round, rx.report().events(), rx.cpuSeconds(), rx.cpuSeconds() * 1e6 / rx.report().events());
                }
                long w0 = System.nanoTime();
                Run r = chunked(history, perChunk, engineSide(engine, batch, cutover));
                double engineWall = (System.nanoTime() - w0) / 1e9;
                Run p = chunked(history, perChunk, plainSide(rules, batch, cutover));
                long c1 = cpu.getCurrentThreadCpuTime();
                long sum = history.replay(cutover);
                double arithmeticCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;
                boolean sameLedger = r.entries() == p.entries() && r.digest() == p.digest();
                same &= sameLedger;
                double events = history.events();
                System.out.printf("round %d: %,d events, %,d engine calls; engine %.2f s CPU (%.2f s wall, %.1f us/event); "
                                + "plain same ledger %.3f s CPU (%.1f us/event; %,d entries, %s); plain arithmetic only %.3f s CPU "
                                + "(%.2f us/event; balances %,d); ledger share %.3f s CPU (%.1f us/event); "
                                + "engine / same-ledger plain %.1f x, engine / arithmetic-only plain %.1f x%n",
                        round, r.report().events(), r.report().decisions(), r.cpuSeconds(), engineWall, r.cpuSeconds() * 1e6 / events,
                        p.cpuSeconds(), p.cpuSeconds() * 1e6 / events, p.entries(), sameLedger ? "the engine's ledger" : "NOT THE ENGINE'S LEDGER",
                        arithmeticCpu, arithmeticCpu * 1e6 / events, sum, p.cpuSeconds() - arithmeticCpu,
                        (p.cpuSeconds() - arithmeticCpu) * 1e6 / events, r.cpuSeconds() / p.cpuSeconds(), r.cpuSeconds() / arithmeticCpu);
                figures.add(new double[]{r.cpuSeconds() / p.cpuSeconds(), r.cpuSeconds() / arithmeticCpu, r.cpuSeconds() * 1e6 / events,
                        p.cpuSeconds() * 1e6 / events, arithmeticCpu * 1e6 / events, (p.cpuSeconds() - arithmeticCpu) * 1e6 / events});
            }
        }
        String[] names = {"engine / same-ledger plain (x)", "engine / arithmetic-only plain (x)", "engine (us/event CPU)",
                "plain same ledger (us/event CPU)", "plain arithmetic only (us/event CPU)", "ledger share (us/event CPU)"};
        System.out.printf("summary over %d rounds, median (min-max):%n", figures.size());
        for (int i = 0; i < names.length; i++) {
            int k = i;
            double[] xs = figures.stream().mapToDouble(f -> f[k]).sorted().toArray();
            double median = xs.length % 2 == 1 ? xs[xs.length / 2] : (xs[xs.length / 2 - 1] + xs[xs.length / 2]) / 2;
            System.out.printf("  %-38s %8.2f (%.2f-%.2f)%n", names[i], median, xs[0], xs[xs.length - 1]);
        }
        System.out.printf("load average at the end %.2f%n", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!same) {
            System.out.println("the plain replay's ledger differs from the engine's: its ratio is not a ratio to the same job");
            System.exit(1);
        }
    }

    static ChunkReplay engineSide(DroolsEngine engine, int batch, Instant cutover) {
        return (events, members, ledger) -> {
            LoyaltyProcessor p = LoyaltyProcessor.builder(engine, ledger).purchases(new InMemoryPurchaseHistory()).batchSize(batch)
                    .membersIn(members).build();
            return p.process(events).add(p.expire(cutover));
        };
    }

    static ChunkReplay plainSide(PlainRules rules, int batch, Instant cutover) {
        return (events, members, ledger) -> {
            PlainLoyaltyProcessor p = new PlainLoyaltyProcessor(rules, ledger, new InMemoryPurchaseHistory(), members, batch);
            return p.process(events).add(p.expire(cutover));
        };
    }

    /** The engine's replay alone (what {@code LoyaltyRuleCosts} times per variant of the rules): no digest. */
    static LoyaltyReport engineReplay(DroolsEngine engine, PlainExportReplay history, int batch, int perChunk, Instant cutover) {
        return chunked(history, perChunk, engineSide(engine, batch, cutover), false).report();
    }

    static Run chunked(PlainExportReplay history, int perChunk, ChunkReplay side) {
        return chunked(history, perChunk, side, true);
    }

    /** Every member replayed a chunk at a time (as the migration's replay), each chunk on its own ledger. */
    static Run chunked(PlainExportReplay history, int perChunk, ChunkReplay side, boolean digested) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        LoyaltyReport total = new LoyaltyReport();
        long cpuNanos = 0, entries = 0, digest = 17;
        List<String> ids = new ArrayList<>(new TreeMap<>(history.members()).keySet());
        for (int from = 0; from < ids.size(); from += perChunk) {
            long c0 = cpu.getCurrentThreadCpuTime();
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + perChunk));
            Map<String, Member> byId = new HashMap<>();
            List<Object> events = new ArrayList<>();
            for (String id : chunk) {
                byId.put(id, history.members().get(id));
                events.addAll(history.eventsByMember().getOrDefault(id, List.of()));
            }
            events.sort(ExportGenerator.EVENT_ORDER);
            InMemoryLedger ledger = new InMemoryLedger(CLOCK);
            total.add(side.replay(events, want -> {
                Map<String, Member> found = new HashMap<>();
                want.forEach(id -> {
                    Member m = byId.get(id);
                    if (m != null) found.put(id, m);
                });
                return found;
            }, ledger));
            cpuNanos += cpu.getCurrentThreadCpuTime() - c0;
            if (!digested) continue;
            // outside the timed part: every entry (recordedAt included) and every posting key into the digest
            for (List<LedgerEntry> es : ledger.entries().values()) {
                for (LedgerEntry e : es) {
                    digest = digest * 31 + e.hashCode();
                    entries++;
                }
            }
            // each member's postings in the order appended (members apart: postings of two members at one instant may come
            // in either order, which changes no member's ledger)
            Map<String, List<InMemoryLedger.PostedKey>> keys = new TreeMap<>();
            ledger.postedKeys().forEach(k -> keys.computeIfAbsent(k.memberId(), m -> new ArrayList<>()).add(k));
            for (List<InMemoryLedger.PostedKey> ks : keys.values()) {
                for (InMemoryLedger.PostedKey k : ks) digest = digest * 31 + k.hashCode();
            }
        }
        return new Run(cpuNanos / 1e9, total, entries, digest);
    }
}
