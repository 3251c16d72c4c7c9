package io.regla.core.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.regla.api.FactFormat;
import io.regla.api.FactMappingException;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Maps records onto a rule set's fact types. JSON and YAML use the scenario shape, a list of
 * single-key maps ({@code - Enrollment: {id: E1}}) or a map from type to one record or a list of them;
 * CSV holds one type per file (an {@code @type} column, or the type given by the caller, usually the
 * file's name). Every error names the source, the 1-based record number and the field.
 */
public final class FactMapper {

    /** The CSV column that names each row's type when a file mixes types. */
    public static final String TYPE_COLUMN = "@type";

    private final FactTypes types;

    public FactMapper(FactTypes types) {
        this.types = types;
    }

    public FactTypes types() {
        return types;
    }

    public List<Object> read(FactFormat format, Reader in, String source, String csvType) {
        return switch (format) {
            case JSON -> fromTree(parse(Mappers.json(), in, source), source);
            case YAML -> fromTree(parse(Mappers.yaml(), in, source), source);
            case CSV -> fromCsv(in, source, csvType);
        };
    }

    private static JsonNode parse(ObjectMapper mapper, Reader in, String source) {
        try {
            JsonNode node = mapper.readTree(in);
            return node == null ? JsonNodeFactory.instance.arrayNode() : node;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new FactMappingException(source, 0, null, "line " + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new FactMappingException(source, 0, null, "cannot read: " + e.getMessage());
        }
    }

    /** Reads the scenario shape: a list of {@code {Type: {...}}}, or a map of type to record(s). */
    public List<Object> fromTree(JsonNode root, String source) {
        List<Object> facts = new ArrayList<>();
        if (root.isArray()) {
            int n = 0;
            for (JsonNode entry : root) {
                n++;
                if (!entry.isObject() || entry.size() != 1) {
                    throw new FactMappingException(source, n, null,
                            "expected one 'Type: {fields}' entry, got " + describe(entry));
                }
                Map.Entry<String, JsonNode> e = entry.fields().next();
                facts.add(toFact(e.getKey(), e.getValue(), source, n));
            }
        } else if (root.isObject()) {
            int n = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isArray()) {
                    for (JsonNode r : e.getValue()) facts.add(toFact(e.getKey(), r, source, ++n));
                } else {
                    facts.add(toFact(e.getKey(), e.getValue(), source, ++n));
                }
            }
        } else {
            throw new FactMappingException(source, 0, null, "expected a list of 'Type: {fields}' entries, got " + describe(root));
        }
        return facts;
    }

    /** Maps one record of a named type; {@code record} is its 1-based number in {@code source}. */
    public Object toFact(String typeName, JsonNode fields, String source, int record) {
        Class<?> type = resolve(typeName, source, record);
        if (fields == null || fields.isNull()) fields = JsonNodeFactory.instance.objectNode();
        if (!fields.isObject()) {
            throw new FactMappingException(source, record, typeName, "expected a map of fields, got " + describe(fields));
        }
        try {
            return Mappers.json().treeToValue(fields, type);
        } catch (JsonProcessingException e) {
            throw mappingError(e, type, source, record);
        } catch (IllegalArgumentException e) {
            throw new FactMappingException(source, record, typeName, rootMessage(e));
        }
    }

    public Class<?> resolve(String typeName, String source, int record) {
        Optional<Class<?>> type = types.find(typeName.trim());
        if (type.isEmpty()) {
            throw new FactMappingException(source, record, typeName,
                    "unknown fact type '" + typeName + "'; known types: " + String.join(", ", types.names()));
        }
        return type.get();
    }

    private List<Object> fromCsv(Reader in, String source, String csvType) {
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(false);
        List<Object> facts = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = Mappers.csv().readerFor(Map.class).with(schema).readValues(in)) {
            int n = 0;
            while (rows.hasNextValue()) {
                Map<String, String> row;
                n++;
                try {
                    row = rows.nextValue();
                } catch (IOException | RuntimeException e) {
                    throw new FactMappingException(source, n, null, "malformed CSV row: " + rootMessage(e));
                }
                String typeName = row.containsKey(TYPE_COLUMN) ? row.remove(TYPE_COLUMN) : csvType;
                if (typeName == null || typeName.isBlank()) {
                    throw new FactMappingException(source, n, TYPE_COLUMN,
                            "no type: add an '@type' column or name the file after the type (Enrollment.csv)");
                }
                Class<?> type = resolve(typeName, source, n);
                facts.add(toFact(typeName, csvRowToNode(row, type), source, n));
            }
        } catch (IOException e) {
            throw new FactMappingException(source, 0, null, "cannot read CSV: " + e.getMessage());
        }
        return facts;
    }

    /** Empty cells are nulls; a cell for a collection field is split on ';'. */
    static ObjectNode csvRowToNode(Map<String, String> row, Class<?> type) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, String> cell : row.entrySet()) {
            String key = cell.getKey().trim();
            String value = cell.getValue() == null ? "" : cell.getValue().trim();
            if (value.isEmpty()) continue;
            if (isCollection(type, key)) {
                ArrayNode arr = node.putArray(key);
                for (String part : value.split(";")) {
                    if (!part.isBlank()) arr.add(part.trim());
                }
            } else {
                node.put(key, value);
            }
        }
        return node;
    }

    private static boolean isCollection(Class<?> type, String field) {
        if (!type.isRecord()) return false;
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(field)) return Collection.class.isAssignableFrom(c.getType());
        }
        return false;
    }

    private static FactMappingException mappingError(JsonProcessingException e, Class<?> type, String source, int record) {
        String field = null;
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            field = jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException upe) {
            field = upe.getPropertyName();
            problem = "unknown field for " + type.getSimpleName() + "; known fields: " + knownFields(type);
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            // the type's constructor refused the record (a required field missing): its own words, not Jackson's wrapper
            problem = rootMessage(e);
        } else if (e instanceof InvalidFormatException ife) {
            problem = "cannot read '" + ife.getValue() + "' as " + ife.getTargetType().getSimpleName()
                    + hint(ife.getTargetType());
        } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null
                && String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`")) {
            problem = "missing: a value of type " + mie.getTargetType().getSimpleName() + " is required";
        } else if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            problem = "expected " + mie.getTargetType().getSimpleName() + hint(mie.getTargetType()) + ": " + firstLine(e.getOriginalMessage());
        } else {
            problem = firstLine(e.getOriginalMessage());
        }
        return new FactMappingException(source, record, field == null ? type.getSimpleName() : field, problem);
    }

    private static String hint(Class<?> target) {
        return switch (target.getSimpleName()) {
            case "LocalDate" -> " (ISO date such as 2026-03-01)";
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> " (ISO instant with offset such as 2026-03-01T09:00:00-03:00)";
            case "LocalDateTime" -> " (ISO date-time such as 2026-03-01T09:00:00)";
            default -> target.isEnum() ? " (one of " + java.util.Arrays.toString(target.getEnumConstants()) + ")" : "";
        };
    }

    private static String knownFields(Class<?> type) {
        if (type.isRecord()) {
            return java.util.Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.joining(", "));
        }
        return "(see " + type.getName() + ")";
    }

    private static String describe(JsonNode n) {
        String s = n.toString();
        return n.getNodeType().name().toLowerCase(Locale.ROOT) + " " + (s.length() > 60 ? s.substring(0, 60) + "…" : s);
    }

    private static String firstLine(String s) {
        if (s == null) return "invalid value";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return firstLine(t.getMessage());
    }
}
