package io.regla.benchmarks.loyalty;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.rules.loyalty.LoyaltyReport;
import io.regla.rules.loyalty.migration.ExportGenerator;
import io.regla.rules.loyalty.migration.PlainExportReplay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What each construct of the loyalty rules costs per event in the replay: the released rules and variants of them
 * with one construct taken out, replayed as {@link LoyaltyReplayRatio} does (chunks of members, in memory), turn by
 * turn in one JVM with plain Java, thread CPU. The variants are written to WORKDIR/variants (the released folders
 * are never touched) and decide differently: they measure cost, not behaviour.
 *
 * <p>Since the lean versions (1.0.1, 1.1.1) are bundled and served by default, "released" is an engine over the
 * released 1.0.0 and 1.1.0 folders alone and "lean" the bundled rules. Without {@code all} only released and lean
 * (classic and executable model), the two floors (one accrual rule, no rule matching) and plain Java run; {@code all}
 * adds session 5's one-construct-out variants of the released rules.
 *
 * <pre>java -cp ... io.regla.benchmarks.loyalty.LoyaltyRuleCosts MEMBERS TRANSACTIONS WORKDIR [ROUNDS] [all]</pre>
 */
public final class LoyaltyRuleCosts {

    private static final String SALIENCE = "salience (Points.earlierFirst($at))";
    private static final String LOTS = "$lots : List() from collect(PointsLot(memberId == $m))";
    private static final String ACCRUALS = "$accruals : List() from collect(Accrual(memberId == $m))";
    private static final String USED = "$used : Long() from Points.usedInMonth($lots, $accruals, $month, $zone)";
    private static final List<String> FILES_1_0_0 = List.of("accrual.drl", "expiry.drl", "redemption.drl", "refund.drl",
            "ruleset.yaml", "category-multipliers.csv", "tier-multipliers.csv", "monthly-caps.csv", "accrual-terms.csv");

    /** One accrual rule, no working facts, no cap; the rest of the fact types stay known (a never-matching rule). */
    private static final String LEAN = """
            package rules.loyalty;
            import io.regla.api.Now;
            import io.regla.rules.loyalty.*;
            rule "accrue-lean"
            when
                Now($zone : zone)
                $t : CardTransaction($id : id, $m : memberId, $at : at, $amount : amount, $cat : category)
                not Refund(transactionId == $id)
                Member(id == $m, status == MemberStatus.ACTIVE, $tier : tier)
                CategoryMultiplier(category == $cat, $catX : multiplier)
                TierMultiplier(tier == $tier, $tierX : multiplier)
                AccrualTerms($pending : pendingDays, $expiry : expiryMonths)
            then
                long p = Points.earned($amount, $catX, $tierX, java.math.BigDecimal.ONE);
                if (p > 0) insert(new AccruePoints($m, $id, p, Points.plusDays($at, $pending, $zone),
                        Points.plusMonths($at, $expiry, $zone), "accrue-points"));
            end
            rule "never" when MonthlyCap(tier == null) PointsLot(id == null) RedemptionRequest(id == null) Refund(id == null) then end
            """;
    private static final String NOTHING = """
            package rules.loyalty;
            import io.regla.rules.loyalty.*;
            rule "never" when CardTransaction(id == null) Refund(id == null) RedemptionRequest(id == null) Member(id == null)
                PointsLot(id == null) CategoryMultiplier() TierMultiplier() MonthlyCap() AccrualTerms() then end
            """;

    public static void main(String[] args) throws Exception {
        long members = Long.parseLong(args[0]);
        long transactions = Long.parseLong(args[1]);
        Path work = Path.of(args[2]);
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path export = work.resolve("export");
        if (!Files.exists(export.resolve("members.csv"))) new ExportGenerator().generate(export, members, transactions, 42, false);
        PlainExportReplay history = PlainExportReplay.load(export);
        Instant cutover = ExportGenerator.DEFAULT_CUTOVER.toInstant();

        boolean all = args.length > 4 && args[4].equals("all");
        Map<String, DroolsEngine> engines = new LinkedHashMap<>();
        Path variants = work.resolve("variants");
        variant(engines, variants, "released 1.0.0/1.1.0", Map.of());
        engines.put("released 1.0.0/1.1.0, executable model",
                Regla.builder().rulesDirectory(variants.resolve("v0")).executableModel("loyalty").buildDrools());
        engines.put("lean 1.0.1/1.1.1", Regla.builder().bundledRules().buildDrools());
        engines.put("lean 1.0.1/1.1.1, executable model", Regla.builder().bundledRules().executableModel("loyalty").buildDrools());
        if (all) variants(engines, variants);
        variant(engines, variants, "one accrual rule, nothing else", Map.of("accrual.drl", s -> LEAN, "expiry.drl", s -> null,
                "redemption.drl", s -> null, "refund.drl", s -> null));
        variant(engines, variants, "no rule matches (processor + inserts)", Map.of("accrual.drl", s -> NOTHING, "expiry.drl", s -> null,
                "redemption.drl", s -> null, "refund.drl", s -> null));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        Map<String, List<Double>> perEvent = new LinkedHashMap<>();
        try {
            for (int round = 1; round <= rounds; round++) {
                for (Map.Entry<String, DroolsEngine> e : engines.entrySet()) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    LoyaltyReport r = LoyaltyReplayRatio.engineReplay(e.getValue(), history, 2000, 500, cutover);
                    double us = (cpu.getCurrentThreadCpuTime() - c0) / 1e3 / r.events();
                    System.out.printf("round %d: %-52s %6.1f us/event (%d engine calls)%n", round, e.getKey(), us, r.decisions());
                    if (round > 1) perEvent.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(us);
                }
                long c1 = cpu.getCurrentThreadCpuTime();
                history.replay(cutover);
                double us = (cpu.getCurrentThreadCpuTime() - c1) / 1e3 / history.events();
                System.out.printf("round %d: %-52s %6.2f us/event%n", round, "plain Java", us);
                if (round > 1) perEvent.computeIfAbsent("plain Java", k -> new ArrayList<>()).add(us);
            }
        } finally {
            engines.values().forEach(DroolsEngine::close);
        }
        System.out.println("rounds after the first, thread CPU per event: median (min)");
        perEvent.forEach((name, v) -> {
            Collections.sort(v);
            System.out.printf("  %-52s %6.2f (%.2f) us/event%n", name, v.get(v.size() / 2), v.get(0));
        });
    }

    /** Session 5's variants of the released rules, each with one construct taken out. */
    private static void variants(Map<String, DroolsEngine> engines, Path variants) throws IOException {
        variant(engines, variants, "static salience -1 instead of earlierFirst", Map.of("accrual.drl", s -> replace(s, SALIENCE, "salience -1"),
                "redemption.drl", s -> replace(s, SALIENCE, "salience -1")));
        variant(engines, variants, "no collect of the member's Accruals", Map.of("accrual.drl",
                s -> replace(s, ACCRUALS, "$accruals : List() from collect(Accrual(memberId == \"none\"))")));
        variant(engines, variants, "no collect of the member's PointsLots", Map.of("accrual.drl",
                s -> replace(s, LOTS, "$lots : List() from collect(PointsLot(memberId == \"none\"))")));
        variant(engines, variants, "no cap (no collects, no from)", Map.of("accrual.drl", LoyaltyRuleCosts::noCap));
        variant(engines, variants, "no cap, static salience", Map.of("accrual.drl", s -> replace(noCap(s), SALIENCE, "salience -1"),
                "redemption.drl", s -> replace(s, SALIENCE, "salience -1")));
        variant(engines, variants, "accrual.drl only", Map.of("expiry.drl", s -> null, "redemption.drl", s -> null, "refund.drl", s -> null));
    }

    private static String noCap(String accrual) {
        return replace(accrual, "    " + LOTS + "\n    " + ACCRUALS + "\n    " + USED + "\n", "    $used : Long() from 0L\n");
    }

    /** Every occurrence; fails when there is none (the released file changed shape: the variant would measure nothing). */
    private static String replace(String text, String what, String with) {
        if (!text.contains(what)) throw new IllegalStateException("not found in the rule file: " + what);
        return text.replace(what, with);
    }

    /** The released 1.0.0 and 1.1.0 with {@code edits} applied to 1.0.0's files (an edit returning null drops the file). */
    private static void variant(Map<String, DroolsEngine> engines, Path root, String name,
                                Map<String, UnaryOperator<String>> edits) throws IOException {
        Path dir = root.resolve("v" + engines.size());
        for (String version : List.of("1.0.0", "1.1.0")) {
            Path folder = Files.createDirectories(dir.resolve("loyalty").resolve(version));
            try (var old = Files.list(folder)) {
                for (Path p : old.toList()) Files.delete(p);
            }
            for (String file : version.equals("1.0.0") ? FILES_1_0_0 : List.of("ruleset.yaml", "category-multipliers.csv")) {
                String text = resource("rules/loyalty/" + version + "/" + file);
                if (version.equals("1.0.0") && edits.containsKey(file)) text = edits.get(file).apply(text);
                if (text == null) continue;
                // a rules directory is strict by default; these are the bundled rules' helpers (Points), edited
                if (file.equals("ruleset.yaml")) text = text + "\nstrict: false\n";
                Files.writeString(folder.resolve(file), text);
            }
        }
        engines.put(name, Regla.builder().rulesDirectory(dir).buildDrools());
    }

    private static String resource(String path) {
        try (InputStream in = LoyaltyRuleCosts.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("not on the classpath: " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
