package io.regla.rules.advising;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The analysts' checks on a faculty to advisor table (the seed: "wrong branches send students to the wrong
 * advisor"). Errors: rows that cannot be routes, one faculty routed to two advisors, advisors unknown to the
 * CRM, advisor names that differ from the CRM owner's, catalogue faculties without a route. Warnings: the
 * same faculty twice with the same advisor, faculties outside the catalogue, no fallback row, a table older
 * than one semester.
 */
public final class RouteTableCheck {

    /** The university's review period: "al menos una vez por semestre". */
    public static final int SEMESTER_MONTHS = 6;

    /** A faculty of the university's catalogue, with its row in the catalogue file. */
    public record CatalogueEntry(int line, String faculty) {
    }

    private List<Advisor> owners;
    private String ownersSource = "CRM";
    private List<CatalogueEntry> catalogue;
    private String catalogueFile = "catalogue";
    private Instant effectiveFrom;
    private ZoneId zone = ZoneId.of("UTC");
    private Instant at;

    /** The CRM's owners: enables the unknown-advisor and name-drift checks. */
    public RouteTableCheck owners(List<Advisor> owners, String source) {
        this.owners = List.copyOf(owners);
        this.ownersSource = source;
        return this;
    }

    /** The faculties that must have a route: enables the gap check. */
    public RouteTableCheck catalogue(List<CatalogueEntry> faculties, String file) {
        this.catalogue = List.copyOf(faculties);
        this.catalogueFile = file;
        return this;
    }

    /** When the table took effect and the instant to judge its age at: enables the semester check. */
    public RouteTableCheck age(Instant effectiveFrom, ZoneId zone, Instant at) {
        this.effectiveFrom = effectiveFrom;
        this.zone = zone;
        this.at = at;
        return this;
    }

    public List<TableFinding> check(RouteTable table) {
        String file = table.file();
        List<TableFinding> out = new ArrayList<>(table.problems());
        Map<String, RouteTable.Row> firstByKey = new LinkedHashMap<>();
        for (RouteTable.Row row : table.rows()) {
            String key = row.isFallback() ? FacultyRoute.FALLBACK : Faculties.key(row.faculty());
            RouteTable.Row first = firstByKey.putIfAbsent(key, row);
            if (first == null) continue;
            if (Faculties.sameEmail(first.advisorEmail(), row.advisorEmail())) {
                out.add(TableFinding.warning("DUPLICATE_FACULTY", file, row.line(), "faculty '" + row.faculty()
                        + "' repeats row " + first.line() + " ('" + first.faculty() + "', same advisor): delete one of them"));
            } else {
                out.add(TableFinding.error("ADVISOR_CONFLICT", file, row.line(), "faculty '" + row.faculty() + "' is routed to "
                        + row.advisorEmail() + " here and to " + first.advisorEmail() + " in row " + first.line()
                        + " ('" + first.faculty() + "'): keep one advisor"));
            }
        }
        if (!firstByKey.containsKey(FacultyRoute.FALLBACK)) {
            out.add(TableFinding.warning("NO_FALLBACK", file, 0, "no fallback row (faculty *): deals without faculty "
                    + "nor owner, and deals of unknown faculties, notify nobody"));
        }
        if (owners != null) checkOwners(table, out);
        if (catalogue != null) checkCatalogue(table, firstByKey.keySet(), out);
        if (effectiveFrom != null && at != null) {
            ZonedDateTime due = effectiveFrom.atZone(zone).plusMonths(SEMESTER_MONTHS);
            if (at.isAfter(due.toInstant())) {
                out.add(TableFinding.warning("STALE_TABLE", file, 0, "effective since " + effectiveFrom.atZone(zone).toLocalDate()
                        + ", more than one semester before " + at.atZone(zone).toLocalDate()
                        + ": review the routes and publish them as a new rule-set version"));
            }
        }
        out.sort(Comparator.comparing((TableFinding f) -> !f.file().equals(file)).thenComparing(TableFinding::file)
                .thenComparingInt(TableFinding::line));
        return List.copyOf(out);
    }

    private void checkOwners(RouteTable table, List<TableFinding> out) {
        for (RouteTable.Row row : table.rows()) {
            Optional<Advisor> owner = owners.stream().filter(o -> o.hasEmail(row.advisorEmail())).findFirst();
            if (owner.isEmpty()) {
                out.add(TableFinding.error("UNKNOWN_ADVISOR", table.file(), row.line(), row.advisorEmail()
                        + " (faculty '" + row.faculty() + "') is not an owner in " + ownersSource));
                continue;
            }
            String crmName = owner.get().name();
            if (row.advisorName() != null && crmName != null && !crmName.isBlank()
                    && !Faculties.key(row.advisorName()).equals(Faculties.key(crmName))) {
                out.add(TableFinding.error("NAME_DRIFT", table.file(), row.line(), "the table names '" + row.advisorName()
                        + "' but " + row.advisorEmail() + " is owner " + owner.get().ownerId() + " '" + crmName + "' in "
                        + ownersSource + ": deals of '" + row.faculty() + "' go to " + crmName));
            }
        }
    }

    private void checkCatalogue(RouteTable table, Set<String> routed, List<TableFinding> out) {
        Set<String> known = new HashSet<>();
        for (CatalogueEntry entry : catalogue) {
            String key = Faculties.key(entry.faculty());
            if (key.isEmpty() || !known.add(key)) continue;
            if (!routed.contains(key)) {
                out.add(TableFinding.error("MISSING_ROUTE", catalogueFile, entry.line(), "faculty '" + entry.faculty().strip()
                        + "' has no route in " + table.file()));
            }
        }
        for (RouteTable.Row row : table.rows()) {
            if (!row.isFallback() && !known.contains(Faculties.key(row.faculty()))) {
                out.add(TableFinding.warning("NOT_IN_CATALOGUE", table.file(), row.line(), "faculty '" + row.faculty()
                        + "' is not in " + catalogueFile));
            }
        }
    }

    /** Reads a catalogue CSV: a header row, the faculty in the column named {@code faculty} (else the first). */
    public static List<CatalogueEntry> readCatalogue(String csv) {
        List<CsvRecords.Record> records = CsvRecords.parse(csv);
        List<CatalogueEntry> out = new ArrayList<>();
        if (records.isEmpty()) return out;
        int col = 0;
        List<String> header = records.get(0).cells();
        for (int i = 0; i < header.size(); i++) {
            String h = Faculties.key(header.get(i));
            if (h.equals("FACULTY") || h.equals("FACULTAD")) col = i;
        }
        for (CsvRecords.Record r : records.subList(1, records.size())) {
            if (!r.cell(col).isBlank()) out.add(new CatalogueEntry(r.line(), r.cell(col)));
        }
        return out;
    }

    /**
     * Reads an owners CSV (a HubSpot owners export): header names {@code id} or {@code ownerId}, {@code email},
     * and {@code name} or {@code firstName} + {@code lastName}.
     *
     * @throws IllegalArgumentException naming the line of a record without id or e-mail
     */
    public static List<Advisor> readOwners(String csv, String file) {
        List<CsvRecords.Record> records = CsvRecords.parse(csv);
        List<Advisor> out = new ArrayList<>();
        if (records.isEmpty()) return out;
        Map<String, Integer> cols = new LinkedHashMap<>();
        List<String> header = records.get(0).cells();
        for (int i = 0; i < header.size(); i++) cols.put(header.get(i).strip().toLowerCase(java.util.Locale.ROOT), i);
        Integer id = cols.getOrDefault("id", cols.get("ownerid"));
        Integer email = cols.get("email");
        if (id == null || email == null) {
            throw new IllegalArgumentException(file + ":1: the header needs 'id' (or 'ownerId') and 'email' columns, found " + header);
        }
        for (CsvRecords.Record r : records.subList(1, records.size())) {
            if (r.isBlank()) continue;
            String ownerId = r.cell(id).strip();
            if (ownerId.isEmpty() || r.cell(email).isBlank()) {
                throw new IllegalArgumentException(file + ":" + r.line() + ": owner without id or email");
            }
            String name;
            if (cols.containsKey("name")) {
                name = r.cell(cols.get("name")).strip();
            } else {
                String first = cols.containsKey("firstname") ? r.cell(cols.get("firstname")).strip() : "";
                String last = cols.containsKey("lastname") ? r.cell(cols.get("lastname")).strip() : "";
                name = (first + " " + last).strip();
            }
            out.add(new Advisor(ownerId, name.isEmpty() ? null : name, r.cell(email).strip()));
        }
        return out;
    }
}
