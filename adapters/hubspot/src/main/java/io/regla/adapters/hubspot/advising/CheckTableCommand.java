package io.regla.adapters.hubspot.advising;

import io.regla.rules.advising.WorkbookRows;
import io.regla.rules.advising.TableLocator;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.cli.CliException;
import io.regla.cli.ReglaCli;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;
import io.regla.rules.advising.Advisor;
import io.regla.rules.advising.RouteTable;
import io.regla.rules.advising.RouteTableCheck;
import io.regla.rules.advising.TableFinding;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code regla check-table advising}: the analysts' checks on {@code faculty-routes.csv}. */
@Command(name = "check-table", description = {
        "Check a rule set's faculty to advisor table (faculty-routes.csv): duplicate faculties, a faculty routed to two",
        "advisors, advisors unknown to the CRM or named differently there, catalogue faculties without a route, and a",
        "table older than one semester. Exit 1 on errors, 0 with warnings only."})
public final class CheckTableCommand implements Callable<Integer> {

    static final String TABLE = "faculty-routes.csv";
    static final String WORKBOOK = "faculty-routes.xlsx";
    static final String CATALOGUE = "faculties.csv";

    @Parameters(index = "0", paramLabel = "RULE_SET", description = "The rule set, e.g. advising.")
    String ruleSet;

    @Option(names = "--version", paramLabel = "V", description = "The version to check (default: the one effective at --at).")
    String version;

    @Option(names = "--at", paramLabel = "T", description = "Judge the table's age at this instant (default: now).")
    String at;

    @Option(names = "--rules", paramLabel = "DIR", description = "A directory of rule sets, checked before the bundled ones.")
    List<Path> rules = new ArrayList<>();

    static final class Crm {
        @Option(names = "--owners", paramLabel = "CSV", description = "The CRM's owners as CSV: id, email, firstName, lastName (or name).")
        Path owners;

        @Option(names = "--hubspot", description = "Read the owners from HubSpot (HUBSPOT_TOKEN).")
        boolean hubspot;
    }

    @ArgGroup(exclusive = true)
    Crm crm;

    @Option(names = "--catalogue", paramLabel = "CSV", description = "The faculties that must have a route (default: "
            + CATALOGUE + " beside the rule set's versions, if any).")
    Path catalogue;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** For tests and the demo: where {@code --hubspot} goes. */
    static java.util.function.Supplier<HubSpotConfig> hubspotConfig = HubSpotConfig::fromEnvironment;
    static Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
        Instant asOf = clock.instant();
        if (at != null) {
            asOf = Manifest.parseInstant(at, ZoneOffset.UTC);
            if (asOf == null) throw new CliException("--at '" + at + "' is not an ISO-8601 instant (2026-08-03T09:00:00-05:00)");
        }
        TableLocator.Located located = TableLocator.locate(rules, true, ruleSet, version, asOf);
        byte[] bytes = located.folder().files().get(TABLE);
        byte[] workbook = located.folder().files().get(WORKBOOK);
        RouteTable table;
        if (bytes != null) {
            table = RouteTable.parse(new String(bytes, StandardCharsets.UTF_8), tableLocation(located.folder(), TABLE));
        } else if (workbook != null) {
            String name = tableLocation(located.folder(), WORKBOOK);
            table = RouteTable.parse(WorkbookRows.read(workbook, name), name);
        } else {
            throw new CliException(located.folder().location() + " has neither " + TABLE + " nor " + WORKBOOK);
        }
        Manifest manifest = located.folder().manifest();
        RouteTableCheck check = new RouteTableCheck().age(manifest.effectiveFrom(), manifest.timeZone(), asOf);
        if (crm != null && crm.owners != null) {
            check.owners(RouteTableCheck.readOwners(read(crm.owners, "--owners"), crm.owners.toString()), crm.owners.toString());
        } else if (crm != null && crm.hubspot) {
            List<Advisor> owners = new HubSpotCrm(new HubSpotHttp(hubspotConfig.get())).owners().stream()
                    .filter(o -> !o.archived() && o.email() != null).map(o -> new Advisor(o.id(), o.name(), o.email())).toList();
            check.owners(owners, "HubSpot");
        }
        Path cataloguePath = catalogue;
        if (cataloguePath == null && Files.isRegularFile(located.ruleSetDir().resolve(CATALOGUE))) {
            cataloguePath = located.ruleSetDir().resolve(CATALOGUE);
        }
        if (cataloguePath != null) {
            check.catalogue(RouteTableCheck.readCatalogue(read(cataloguePath, "--catalogue")), cataloguePath.getFileName().toString());
        }
        List<TableFinding> findings = check.check(table);
        PrintWriter out = spec.commandLine().getOut();
        out.println(ruleSet + " " + manifest.version() + ": " + table.rows().size() + " routes in " + table.file()
                + (crm == null ? " (owners not checked: give --owners or --hubspot)" : ""));
        findings.forEach(out::println);
        long errors = findings.stream().filter(TableFinding::isError).count();
        out.println(errors + " error(s), " + (findings.size() - errors) + " warning(s)");
        out.flush();
        return errors > 0 ? ReglaCli.FAILED : ReglaCli.OK;
    }

    /**
     * Where the table's file really is, for the findings' {@code file:line}: a version that {@code extends} another and
     * has no table of its own (advising 1.1.0) reads its parent's, so the rows are numbered in the parent's file.
     */
    static String tableLocation(RuleSetFolder folder, String name) {
        String location = folder.location();
        Path dir = folder.directory();
        Manifest manifest = folder.manifest();
        while (dir != null && manifest != null && manifest.parent() != null && !Files.isRegularFile(dir.resolve(name))) {
            String parent = manifest.parent().toString();
            dir = dir.resolveSibling(parent);
            location = location.substring(0, Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\')) + 1) + parent;
            Path yaml = dir.resolve(Manifest.FILE_NAME);
            try {
                manifest = Files.isRegularFile(yaml) ? Manifest.parse(Files.readString(yaml, StandardCharsets.UTF_8),
                        folder.ruleSet(), parent, new ArrayList<>()) : null;
            } catch (IOException e) {
                manifest = null;
            }
        }
        return location + "/" + name;
    }

    private static String read(Path file, String option) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(option + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
