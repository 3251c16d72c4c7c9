package io.regla.examples.hospital;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.examples.DemoPart;
import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.QualityCheck;
import io.regla.rules.quality.check.DatasetResult;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.history.QualityHistory;
import io.regla.rules.quality.history.QualityHistoryProvider;
import io.regla.rules.quality.history.QualityRun;
import io.regla.rules.quality.reconcile.DatasetDiff;
import io.regla.rules.quality.reconcile.ReconcileResult;
import io.regla.rules.quality.reconcile.Reconciler;
import io.regla.rules.quality.report.QualityReport;
import io.regla.rules.quality.source.Sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Seed 004 end to end: the integration team reads a hospital ERP (H2, with injected irregularities) through the
 * contracts' JDBC queries, checks it (built-in checks and the bundled {@code quality} rules), writes the report
 * for the hospital's IT team, records the run; the ERP team fixes the orphan admissions and the check runs again
 * (the history shows the improvement); then the data is loaded into the target schema and reconciled.
 */
public final class HospitalDemo implements DemoPart {

    static final List<String> CONTRACTS = List.of("patients", "admissions", "labResults", "dispensings");
    /** The week of the first check and of the re-check after the ERP team's fix. */
    static final Instant FIRST_RUN = Instant.parse("2026-03-02T12:00:00Z"), SECOND_RUN = Instant.parse("2026-03-09T12:00:00Z");

    static Path defaultFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "regla-demo", "hospital");
    }

    @Override
    public String title() {
        return "Hospital data quality: an ERP checked, reported, fixed, loaded and reconciled";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        run(out, defaultFolder(), HospitalErp.standard());
    }

    /** The outcome, for tests. */
    record Outcome(CheckResult first, CheckResult second, ReconcileResult reconcile, Path contracts, String erpUrl, String targetUrl) {
    }

    Outcome run(PrintWriter out, Path dir, HospitalErp erp) throws Exception {
        long started = System.nanoTime();
        delete(dir);
        Files.createDirectories(dir);
        String erpUrl = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("erp");
        String targetUrl = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("target");
        erp.create(erpUrl);
        Path contractsDir = writeContracts(dir.resolve("contracts"), erpUrl);
        Contracts contracts = Contracts.load(contractsDir);
        CheckResult first, second;
        Map<String, List<QualityRun>> history = new LinkedHashMap<>();
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools();
             QualityHistory store = QualityHistoryProvider.find().openH2(dir.resolve("store"))) {
            first = check(engine, contracts, FIRST_RUN);
            store.record(QualityHistory.runsOf(first));
            out.println("  first check of the ERP (" + erpUrl + "):");
            print(out, first, erp);
            // the ERP team re-links the orphan admissions to their patients
            try (Connection c = DriverManager.getConnection(erpUrl); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE atendimento SET cd_paciente = (SELECT MIN(cd_paciente) FROM paciente) "
                        + "WHERE cd_paciente NOT IN (SELECT cd_paciente FROM paciente)");
            }
            second = check(engine, contracts, SECOND_RUN);
            store.record(QualityHistory.runsOf(second));
            for (String d : CONTRACTS) history.put(d, store.history(d));
        }
        out.printf("  after the ERP team's fix: admissions %d findings (was %d)%n", second.dataset("admissions").total(),
                first.dataset("admissions").total());
        Path report = dir.resolve("report");
        QualityReport.write(second, history, report);
        out.println("  report for the hospital's IT team: " + report.resolve(QualityReport.REPORT_HTML));
        long loaded = HospitalLoad.load(contracts, Sources.asContracted(contractsDir), targetUrl);
        ReconcileResult rec = new Reconciler(contracts, Sources.asContracted(contractsDir), Sources.database(targetUrl, null, null)).run();
        out.printf("  loaded %,d rows into %s; reconciliation:%n", loaded, targetUrl);
        for (DatasetDiff d : rec.datasets()) {
            out.printf("    %-12s source %,6d  target %,6d  missing %d  extra %d  changed %d%s%n", d.dataset(), d.sourceRecords(),
                    d.targetRecords(), d.missing().size(), d.extra().size(), d.changed().size(),
                    d.changed().isEmpty() ? "" : "  (values not of their type, loaded as NULL: " + d.changed().get(0).fields() + ")");
        }
        out.printf("  try: ./regla quality check %s --bundled-rules --report %s%n", contractsDir, report);
        out.printf("  took %.1f s%n", (System.nanoTime() - started) / 1e9);
        return new Outcome(first, second, rec, contractsDir, erpUrl, targetUrl);
    }

    static CheckResult check(DroolsEngine engine, Contracts contracts, Instant at) {
        return QualityCheck.builder(contracts).rules(engine, List.of("quality")).at(at).build().run();
    }

    private static void print(PrintWriter out, CheckResult r, HospitalErp erp) {
        for (DatasetResult d : r.datasets()) {
            out.printf("    %-12s %,6d records  %s  (injected: %s)%n", d.dataset(), d.records(), d.findings(), erp.injected().get(d.dataset()));
        }
    }

    /** The contracts of the example, with the ERP's URL filled in. */
    static Path writeContracts(Path dir, String erpUrl) throws IOException {
        Files.createDirectories(dir);
        for (String name : CONTRACTS) {
            String file = name + ".contract.yaml";
            try (InputStream in = HospitalDemo.class.getResourceAsStream("/hospital/contracts/" + file)) {
                if (in == null) throw new IllegalStateException("missing resource hospital/contracts/" + file);
                Files.writeString(dir.resolve(file), new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${ERP_URL}", erpUrl));
            }
        }
        return dir;
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

}
