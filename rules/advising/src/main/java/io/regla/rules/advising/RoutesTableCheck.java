package io.regla.rules.advising;

import io.regla.core.check.TableCheck;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code regla check} on an advising version: the faculty-routes table ({@code .csv} or {@code .xlsx}) checked as
 * {@code regla advising check-table} does, with the catalogue {@code faculties.csv} beside the versions when present.
 * The CRM's owners are not checked here (that needs the CRM: run {@code regla advising check-table --hubspot}).
 */
public final class RoutesTableCheck implements TableCheck {

    static final String TABLE = "faculty-routes.csv";
    static final String WORKBOOK = "faculty-routes.xlsx";
    static final String CATALOGUE = "faculties.csv";

    @Override
    public String name() {
        return "advising faculty routes";
    }

    @Override
    public Optional<List<Finding>> check(RuleSetFolder folder, Path ruleSetDir, Instant at) {
        byte[] csv = folder.files().get(TABLE);
        byte[] workbook = folder.files().get(WORKBOOK);
        RouteTable table;
        if (csv != null) {
            table = RouteTable.parse(new String(csv, StandardCharsets.UTF_8), folder.location() + "/" + TABLE);
        } else if (workbook != null) {
            String name = folder.location() + "/" + WORKBOOK;
            table = RouteTable.parse(WorkbookRows.read(workbook, name), name);
        } else {
            return Optional.empty();
        }
        Manifest manifest = folder.manifest();
        RouteTableCheck check = new RouteTableCheck();
        if (manifest != null && manifest.effectiveFrom() != null) check.age(manifest.effectiveFrom(), manifest.timeZone(), at);
        Path catalogue = ruleSetDir.resolve(CATALOGUE);
        if (Files.isRegularFile(catalogue)) {
            try {
                check.catalogue(RouteTableCheck.readCatalogue(Files.readString(catalogue, StandardCharsets.UTF_8)), CATALOGUE);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + catalogue, e);
            }
        }
        return Optional.of(check.check(table).stream().map(f -> new Finding(f.isError(), f.toString())).toList());
    }
}
