package io.regla.adapters.sqlimport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.regla.rules.mailing.EmailAddresses;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Period;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What a scheduled import reads, from {@code import.yaml}:
 * <pre>{@code
 * source:
 *   url: jdbc:sqlserver://sis.example.org;databaseName=admisiones   # any JDBC URL whose driver is on the class path
 *   user: regla_import
 *   passwordEnv: REGLA_IMPORT_PASSWORD     # the password is read from this environment variable, never the file
 * welcomeWindowDays: 30                    # optional: enrolments older than this get no welcome (see WelcomeWindow)
 * records:                                 # imported in this order, one transaction per record type
 *   - type: Campus                         # Campus, Enrollment, MailingContact, or a record's class name
 *     query: SELECT sede_id AS id, nombre AS name, cupos_adaptacion AS daily_adaptation_capacity FROM sedes
 *   - type: Enrollment
 *     query: SELECT matricula_id AS id, ... FROM matriculas
 * }</pre>
 *
 * @param welcomeWindow null: every imported enrolment may be welcomed
 */
public record ImportConfig(String url, String user, String password, List<RecordQuery> records, Period welcomeWindow) {

    /** One record type and the query whose rows become its facts. */
    public record RecordQuery(Class<? extends Record> type, String query, Function<Record, String> id) {
    }

    private static final Set<String> TOP = Set.of("source", "welcomeWindowDays", "records");
    private static final Map<String, Class<? extends Record>> NURSERY = Map.of("Campus", Campus.class,
            "Enrollment", Enrollment.class, "MailingContact", MailingContact.class);

    public ImportConfig {
        Objects.requireNonNull(url, "url");
        records = List.copyOf(records);
    }

    /** Reads the file; the password from the environment variable it names. */
    public static ImportConfig load(Path file, Map<String, String> env) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not readable YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a mapping with source and records");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!TOP.contains(field)) {
                throw new IllegalArgumentException(file + ": unknown field '" + field + "' (expected " + TOP + ")");
            }
        }
        JsonNode source = root.path("source");
        String url = text(file, source, "source.url", true);
        String user = text(file, source, "source.user", false);
        String passwordEnv = text(file, source, "source.passwordEnv", false);
        String password = null;
        if (passwordEnv != null) {
            password = env.get(passwordEnv);
            if (password == null) {
                throw new IllegalArgumentException(file + ": source.passwordEnv names " + passwordEnv
                        + ", which is not set in the environment");
            }
        }
        Period window = null;
        if (root.has("welcomeWindowDays")) {
            JsonNode days = root.get("welcomeWindowDays");
            if (!days.canConvertToInt() || days.asInt() < 0) {
                throw new IllegalArgumentException(file + ": welcomeWindowDays must be a whole number of days >= 0");
            }
            window = Period.ofDays(days.asInt());
        }
        JsonNode list = root.path("records");
        if (!list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": records must list at least one {type, query}");
        }
        List<RecordQuery> records = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode r = list.get(i);
            String where = "records[" + i + "]";
            Class<? extends Record> type = type(file, where, text(file, r, where + ".type", true));
            records.add(new RecordQuery(type, text(file, r, where + ".query", true), idOf(type)));
        }
        return new ImportConfig(url, user, password, records, window);
    }

    private static String text(Path file, JsonNode parent, String path, boolean required) {
        JsonNode node = parent.path(path.substring(path.lastIndexOf('.') + 1));
        if (node.isMissingNode() || node.isNull() || node.asText().isBlank()) {
            if (required) {
                throw new IllegalArgumentException(file + ": " + path + " is required");
            }
            return null;
        }
        if (!node.isValueNode()) {
            throw new IllegalArgumentException(file + ": " + path + " must be text");
        }
        return node.asText();
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Record> type(Path file, String where, String name) {
        Class<? extends Record> known = NURSERY.get(name);
        if (known != null) {
            return known;
        }
        try {
            Class<?> c = Class.forName(name);
            if (!c.isRecord()) {
                throw new IllegalArgumentException(file + ": " + where + ".type " + name + " is not a record");
            }
            return (Class<? extends Record>) c;
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(file + ": " + where + ".type '" + name + "' is neither "
                    + NURSERY.keySet() + " nor a class on the class path");
        }
    }

    /** A contact is stored under its normalised address (as NurseryRecords keys it); others under their id field. */
    private static Function<Record, String> idOf(Class<? extends Record> type) {
        if (type == MailingContact.class) {
            return r -> EmailAddresses.normalize(((MailingContact) r).email());
        }
        return null;
    }

    /** For logs: never the password. */
    @Override
    public String toString() {
        return "ImportConfig[" + url + ", user " + user + ", " + records.size() + " record types, welcome window "
                + welcomeWindow + "]";
    }
}
