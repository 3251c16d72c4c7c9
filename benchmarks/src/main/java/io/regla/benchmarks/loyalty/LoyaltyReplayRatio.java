package io.regla.benchmarks.loyalty;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.ledger.InMemoryLedger;
import io.regla.rules.loyalty.ledger.InMemoryPurchaseHistory;
import io.regla.rules.loyalty.migration.ExportGenerator;
import io.regla.rules.loyalty.migration.PlainExportReplay;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replay's rules cost alone: the same valid history replayed in memory through the engine (the
 * migration's way: a chunk of members at a time, {@link LoyaltyProcessor} on an {@link InMemoryLedger}) and
 * through the plain-Java rules, turn by turn, thread CPU per round; prints the ratio. No database on
 * either side, so this is the engine's share of the migration's replay stage.
 *
 * <pre>java -cp ... io.regla.benchmarks.loyalty.LoyaltyReplayRatio MEMBERS TRANSACTIONS WORKDIR [BATCH] [MEMBERS_PER_CHUNK] [ROUNDS] [anc] [exec]</pre>
 */
public final class LoyaltyReplayRatio {

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
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools();
             DroolsEngine ancEngine = anc ? Regla.builder().bundledRules().alphaNetworkCompiler(true).buildDrools() : null;
             DroolsEngine execEngine = exec ? Regla.builder().bundledRules().executableModel("loyalty").buildDrools() : null) {
            for (int round = 1; round <= rounds; round++) {
                if (ancEngine != null) {
                    long a0 = cpu.getCurrentThreadCpuTime();
                    LoyaltyReport ra = engineReplay(ancEngine, history, batch, perChunk, cutover);
                    double ancCpu = (cpu.getCurrentThreadCpuTime() - a0) / 1e9;
                    System.out.printf("round %d: with the alpha network compiler %,d events: %.2f s CPU (%,.0f events/s CPU)%n",
                            round, ra.events(), ancCpu, ra.events() / ancCpu);
                }
                if (execEngine != null) {
                    long x0 = cpu.getCurrentThreadCpuTime();
                    LoyaltyReport rx = engineReplay(execEngine, history, batch, perChunk, cutover);
                    double execCpu = (cpu.getCurrentThreadCpuTime() - x0) / 1e9;
                    System.out.printf("round %d: on the executable model %,d events: %.2f s CPU (%.1f us/event)%n",
                            round, rx.events(), execCpu, execCpu * 1e6 / rx.events());
                }
                long c0 = cpu.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                LoyaltyReport r = engineReplay(engine, history, batch, perChunk, cutover);
                double engineCpu = (cpu.getCurrentThreadCpuTime() - c0) / 1e9, engineWall = (System.nanoTime() - w0) / 1e9;
                long c1 = cpu.getCurrentThreadCpuTime();
                long sum = history.replay(cutover);
                double plainCpu = (cpu.getCurrentThreadCpuTime() - c1) / 1e9;
                System.out.printf("round %d: %,d events, %,d engine calls; engine %.2f s CPU (%.2f s wall, %,.0f events/s CPU), "
                                + "plain %.3f s CPU (%,.0f events/s; balances %,d): ratio %.1f x CPU%n", round, r.events(), r.decisions(),
                        engineCpu, engineWall, r.events() / engineCpu, plainCpu, history.events() / plainCpu, sum, engineCpu / plainCpu);
            }
        }
    }

    static LoyaltyReport engineReplay(DroolsEngine engine, PlainExportReplay history, int batch, int perChunk, Instant cutover) {
        LoyaltyReport total = new LoyaltyReport();
        List<String> ids = new ArrayList<>(new TreeMap<>(history.members()).keySet());
        for (int from = 0; from < ids.size(); from += perChunk) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + perChunk));
            Map<String, Member> byId = new HashMap<>();
            List<Object> events = new ArrayList<>();
            for (String id : chunk) {
                byId.put(id, history.members().get(id));
                events.addAll(history.eventsByMember().getOrDefault(id, List.of()));
            }
            events.sort(ExportGenerator.EVENT_ORDER);
            InMemoryLedger ledger = new InMemoryLedger(Clock.systemUTC());
            LoyaltyProcessor p = LoyaltyProcessor.builder(engine, ledger).purchases(new InMemoryPurchaseHistory()).batchSize(batch)
                    .membersIn(want -> {
                        Map<String, Member> found = new HashMap<>();
                        want.forEach(id -> {
                            Member m = byId.get(id);
                            if (m != null) found.put(id, m);
                        });
                        return found;
                    }).build();
            total.add(p.process(events));
            total.add(p.expire(cutover));
        }
        return total;
    }
}
