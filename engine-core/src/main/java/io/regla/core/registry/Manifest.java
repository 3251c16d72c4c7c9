package io.regla.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.regla.api.CompileError;
import io.regla.api.Version;
import io.regla.core.facts.Mappers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A rule set version's {@code ruleset.yaml}:
 * <pre>
 * id: mailing
 * version: 1.1.0
 * effectiveFrom: 2023-02-09T00:00:00-03:00   # or a date: start of that day in timeZone
 * timeZone: America/Santiago                  # default UTC
 * description: Survey five days after adaptation
 * changelog:
 *   - ENCUESTA_ADAPTACION once per enrolment instead of weekly
 * facts: [io.regla.rules.mailing.Enrollment]  # optional: extra fact types for record mapping
 * data:                                        # optional: CSV reference facts inserted in every session
 *   - {file: holidays.csv, type: io.regla.rules.scheduling.Holiday}
 *   - {file: settings.csv, type: io.regla.rules.mailing.SurveySettings, maxRows: 1}   # more rows: compile error
 * extends: 1.0.0                               # optional: start from that version's files (see RuleSetFolder)
 * strict: true                                 # optional: the strict profile (see StrictProfile); when absent,
 *                                              # true for folders loaded from a directory, false for bundled ones
 * </pre>
 *
 * @param parent the version named by {@code extends}, or null
 * @param strict {@code strict:} as written, or null when absent (the loader's default applies)
 */
public record Manifest(String id, Version version, Instant effectiveFrom, ZoneId timeZone, String description,
                       List<String> changelog, List<String> facts, List<DataFile> data, Version parent, Boolean strict) {

    public static final String FILE_NAME = "ruleset.yaml";

    private static final Set<String> KEYS = Set.of("id", "version", "effectiveFrom", "timeZone", "description",
            "changelog", "facts", "data", "extends", "strict");

    private static final Set<String> DATA_KEYS = Set.of("file", "type", "maxRows");

    /**
     * A CSV of reference facts: each row becomes one fact of {@code type}.
     *
     * @param maxRows the most data rows the file may hold, or null for any number: a settings table the rules read as
     *                one row is refused when the version compiles (so {@code regla check} and a reload reject it), not
     *                when the first decision reads it
     */
    public record DataFile(String file, String type, Integer maxRows) {

        public DataFile(String file, String type) {
            this(file, type, null);
        }
    }

    public Manifest {
        changelog = List.copyOf(changelog);
        facts = List.copyOf(facts);
        data = List.copyOf(data);
    }

    /** A manifest that does not say whether it is strict. */
    public Manifest(String id, Version version, Instant effectiveFrom, ZoneId timeZone, String description,
                    List<String> changelog, List<String> facts, List<DataFile> data, Version parent) {
        this(id, version, effectiveFrom, timeZone, description, changelog, facts, data, parent, null);
    }

    /** Whether the strict profile applies: as written, else {@code defaultStrict} (the loader's default). */
    public boolean strict(boolean defaultStrict) {
        return strict == null ? defaultStrict : strict;
    }

    /**
     * Parses a manifest, collecting every problem as a {@link CompileError} on {@code ruleset.yaml}.
     *
     * @param expectedId      the rule set folder's name
     * @param expectedVersion the version folder's name
     */
    public static Manifest parse(String yaml, String expectedId, String expectedVersion, List<CompileError> errors) {
        JsonNode root;
        try {
            root = Mappers.yaml().readTree(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int col = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            errors.add(new CompileError(FILE_NAME, line, col, "not valid YAML: " + e.getOriginalMessage()));
            return null;
        }
        if (root == null || !root.isObject()) {
            errors.add(new CompileError(FILE_NAME, 1, 1, "expected a mapping with id, version and effectiveFrom"));
            return null;
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                errors.add(new CompileError(FILE_NAME, 0, 0, "unknown key '" + key + "'; known keys: " + KEYS));
            }
        }
        String id = text(root, "id", errors);
        if (id != null && !id.equals(expectedId)) {
            errors.add(new CompileError(FILE_NAME, 0, 0, "id '" + id + "' differs from its folder '" + expectedId + "'"));
        }
        Version version = null;
        String versionText = text(root, "version", errors);
        if (versionText != null) {
            try {
                version = Version.parse(versionText);
                if (!version.toString().equals(expectedVersion)) {
                    errors.add(new CompileError(FILE_NAME, 0, 0,
                            "version '" + versionText + "' differs from its folder '" + expectedVersion + "'"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new CompileError(FILE_NAME, 0, 0, "version: " + e.getMessage()));
            }
        }
        ZoneId zone = ZoneId.of("UTC");
        if (root.hasNonNull("timeZone")) {
            try {
                zone = ZoneId.of(root.get("timeZone").asText());
            } catch (DateTimeException e) {
                errors.add(new CompileError(FILE_NAME, 0, 0, "timeZone: unknown zone '" + root.get("timeZone").asText() + "'"));
            }
        }
        Instant effectiveFrom = null;
        String from = text(root, "effectiveFrom", errors);
        if (from != null) {
            effectiveFrom = parseInstant(from, zone);
            if (effectiveFrom == null) {
                errors.add(new CompileError(FILE_NAME, 0, 0, "effectiveFrom: '" + from
                        + "' is neither a date (2026-03-01) nor a date-time with offset (2026-03-01T00:00:00-03:00)"));
            }
        }
        String description = root.path("description").asText("");
        List<String> changelog = strings(root, "changelog", errors);
        List<String> facts = strings(root, "facts", errors);
        List<DataFile> data = dataFiles(root.path("data"), errors);
        if (id == null || version == null || effectiveFrom == null) {
            return null;
        }
        Version parent = null;
        String extendsText = root.hasNonNull("extends") ? root.get("extends").asText().trim() : null;
        if (extendsText != null) {
            try {
                parent = Version.parse(extendsText);
                if (version != null && parent.compareTo(version) >= 0) {
                    errors.add(new CompileError(FILE_NAME, 0, 0, "extends: " + parent + " is not an earlier version than " + version));
                    parent = null;
                }
            } catch (IllegalArgumentException e) {
                errors.add(new CompileError(FILE_NAME, 0, 0, "extends: " + e.getMessage()));
            }
        }
        Boolean strict = null;
        if (root.has("strict") && !root.get("strict").isNull()) {
            if (root.get("strict").isBoolean()) {
                strict = root.get("strict").asBoolean();
            } else {
                errors.add(new CompileError(FILE_NAME, 0, 0, "strict: expected true or false, got '" + root.get("strict").asText() + "'"));
            }
        }
        return new Manifest(id, version, effectiveFrom, zone, description, changelog, facts, data, parent, strict);
    }

    private static List<DataFile> dataFiles(JsonNode dataNode, List<CompileError> errors) {
        List<DataFile> data = new ArrayList<>();
        if (dataNode.isMissingNode() || dataNode.isNull()) return data;
        if (!dataNode.isArray()) {
            errors.add(new CompileError(FILE_NAME, 0, 0, "data: expected a list of {file, type}"));
            return data;
        }
        for (int i = 0; i < dataNode.size(); i++) {
            JsonNode d = dataNode.get(i);
            if (!d.hasNonNull("file") || !d.hasNonNull("type")) {
                errors.add(new CompileError(FILE_NAME, 0, 0, "data[" + i + "]: needs both 'file' and 'type'"));
                continue;
            }
            String where = "data[" + i + "] (" + d.get("file").asText() + ")";
            // a misspelt option (maxrows) would otherwise check nothing without a word
            for (Iterator<String> it = d.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!DATA_KEYS.contains(key)) {
                    errors.add(new CompileError(FILE_NAME, 0, 0, where + ": unknown key '" + key + "'; known keys: " + new java.util.TreeSet<>(DATA_KEYS)));
                }
            }
            Integer maxRows = null;
            JsonNode max = d.get("maxRows");
            if (max != null && !max.isNull()) {
                if (max.isIntegralNumber() && max.canConvertToInt() && max.asInt() >= 1) {
                    maxRows = max.asInt();
                } else {
                    errors.add(new CompileError(FILE_NAME, 0, 0, where + ": maxRows: expected a whole number of 1 or more, got '"
                            + max.asText() + "'"));
                }
            }
            data.add(new DataFile(d.get("file").asText(), d.get("type").asText(), maxRows));
        }
        return data;
    }

    /** This manifest with the parent's {@code facts} and {@code data} where it declares none of its own. */
    Manifest inheriting(Manifest parentManifest) {
        return new Manifest(id, version, effectiveFrom, timeZone, description, changelog,
                facts.isEmpty() ? parentManifest.facts() : facts, data.isEmpty() ? parentManifest.data() : data, parent,
                strict == null ? parentManifest.strict() : strict);
    }

    /** A date-time with offset, a local date-time or a date (start of day), read in {@code zone} when it has no offset. */
    public static Instant parseInstant(String text, ZoneId zone) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String text(JsonNode root, String key, List<CompileError> errors) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull() || n.asText().isBlank()) {
            errors.add(new CompileError(FILE_NAME, 0, 0, "missing required key '" + key + "'"));
            return null;
        }
        return n.asText().trim();
    }

    private static List<String> strings(JsonNode root, String key, List<CompileError> errors) {
        JsonNode n = root.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        } else {
            errors.add(new CompileError(FILE_NAME, 0, 0, key + ": expected a list of strings"));
        }
        return out;
    }
}
