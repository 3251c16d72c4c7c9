package io.regla.rules.quality.contract;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one {@code <dataset>.contract.yaml}. Every problem is a {@link ContractException} naming the file, the
 * line and the key ({@code admissions.contract.yaml:9: fields.age.type: unknown type 'int'; ...}): the YAML is
 * read as a node tree so that each value keeps its line.
 */
final class ContractParser {

    static final Set<String> KEYS = Set.of("dataset", "source", "key", "fields", "severity", "timeZone", "description");
    static final Set<String> FIELD_KEYS = Set.of("type", "required", "pattern", "format", "enum", "min", "max",
            "references", "personal", "description");
    static final Set<String> SOURCE_KEYS = Set.of("csv", "jdbc", "query", "user", "passwordEnv");

    private final Path file;
    private final String name;

    private ContractParser(Path file) {
        this.file = file;
        this.name = file.getFileName().toString();
    }

    static Contract parse(Path file) {
        return new ContractParser(file).parse();
    }

    private Contract parse() {
        Node root;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new LoaderOptions()).compose(in);
        } catch (MarkedYAMLException e) {
            throw ContractException.at(name, e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1, null,
                    "not valid YAML: " + e.getProblem());
        } catch (YAMLException | IOException e) {
            throw ContractException.at(name, 0, null, "cannot read: " + e.getMessage());
        }
        MappingNode map = mapping(root, null, "a mapping with dataset, source, key and fields");
        Map<String, Node> top = entries(map, null, KEYS);
        String dataset = scalar(required(top, map, "dataset"), "dataset");
        String expected = name.endsWith(".contract.yaml") ? name.substring(0, name.length() - ".contract.yaml".length()) : null;
        if (expected != null && !expected.equals(dataset)) {
            throw ContractException.at(name, line(top.get("dataset")), "dataset",
                    "'" + dataset + "' differs from the file name: name the file " + dataset + ".contract.yaml");
        }
        ZoneId zone = ZoneOffset.UTC;
        if (top.containsKey("timeZone")) {
            String z = scalar(top.get("timeZone"), "timeZone");
            try {
                zone = ZoneId.of(z);
            } catch (DateTimeException e) {
                throw ContractException.at(name, line(top.get("timeZone")), "timeZone", "unknown time zone '" + z + "'");
            }
        }
        String severity = "ERROR";
        if (top.containsKey("severity")) {
            severity = scalar(top.get("severity"), "severity");
            if (!severity.equals("ERROR") && !severity.equals("WARNING")) {
                throw ContractException.at(name, line(top.get("severity")), "severity",
                        "'" + severity + "' is neither ERROR nor WARNING");
            }
        }
        Source source = source(required(top, map, "source"));
        MappingNode fieldsNode = mapping(required(top, map, "fields"), "fields", "a mapping of field name to {type, ...}");
        Map<String, Field> fields = new LinkedHashMap<>();
        for (NodeTuple t : fieldsNode.getValue()) {
            String fieldName = scalar(t.getKeyNode(), "fields");
            if (fields.containsKey(fieldName)) {
                throw ContractException.at(name, line(t.getKeyNode()), "fields." + fieldName, "declared twice");
            }
            fields.put(fieldName, field(fieldName, t.getValueNode(), zone));
        }
        if (fields.isEmpty()) throw ContractException.at(name, line(fieldsNode), "fields", "no fields");
        List<String> key = new ArrayList<>();
        if (top.containsKey("key")) {
            Node k = top.get("key");
            if (k instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) key.add(scalar(n, "key"));
            } else {
                key.add(scalar(k, "key"));
            }
            for (String f : key) {
                if (!fields.containsKey(f)) {
                    throw ContractException.at(name, line(k), "key", "'" + f + "' is not one of the fields " + fields.keySet());
                }
            }
        }
        return new Contract(dataset, file, source, key, fields, severity, zone);
    }

    private Source source(Node node) {
        MappingNode m = mapping(node, "source", "{csv: file.csv} or {jdbc: url, query: \"select ...\"}");
        Map<String, Node> e = entries(m, "source", SOURCE_KEYS);
        if (e.containsKey("csv") == e.containsKey("jdbc")) {
            throw ContractException.at(name, line(node), "source", "give exactly one of csv or jdbc");
        }
        if (e.containsKey("csv")) {
            if (e.size() > 1) throw ContractException.at(name, line(node), "source", "a csv source takes no other key");
            return Source.csv(scalar(e.get("csv"), "source.csv"));
        }
        if (!e.containsKey("query")) throw ContractException.at(name, line(node), "source.query", "a jdbc source needs a query");
        return new Source(null, scalar(e.get("jdbc"), "source.jdbc"), scalar(e.get("query"), "source.query"),
                e.containsKey("user") ? scalar(e.get("user"), "source.user") : null,
                e.containsKey("passwordEnv") ? scalar(e.get("passwordEnv"), "source.passwordEnv") : null);
    }

    private Field field(String field, Node node, ZoneId zone) {
        String at = "fields." + field;
        MappingNode m = mapping(node, at, "{type: string, ...}");
        Map<String, Node> e = entries(m, at, FIELD_KEYS);
        Node typeNode = e.get("type");
        if (typeNode == null) throw ContractException.at(name, line(node), at + ".type", "missing");
        String typeName = scalar(typeNode, at + ".type");
        FieldType type = FieldType.of(typeName);
        if (type == null) {
            throw ContractException.at(name, line(typeNode), at + ".type", "unknown type '" + typeName
                    + "'; types: string, integer, decimal, boolean, date, datetime");
        }
        boolean required = e.containsKey("required") && bool(e.get("required"), at + ".required");
        Pattern pattern = null;
        if (e.containsKey("pattern")) {
            String p = scalar(e.get("pattern"), at + ".pattern");
            try {
                pattern = Pattern.compile(p);
            } catch (PatternSyntaxException ex) {
                throw ContractException.at(name, line(e.get("pattern")), at + ".pattern",
                        "does not compile: " + ex.getDescription() + " near index " + ex.getIndex() + " of " + p);
            }
        }
        Format format = null;
        if (e.containsKey("format")) {
            String f = scalar(e.get("format"), at + ".format");
            format = Format.of(f);
            if (format == null) {
                throw ContractException.at(name, line(e.get("format")), at + ".format",
                        "unknown format '" + f + "'; formats: email, uuid, date, datetime");
            }
        }
        List<String> enumValues = new ArrayList<>();
        if (e.containsKey("enum")) {
            if (!(e.get("enum") instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                throw ContractException.at(name, line(e.get("enum")), at + ".enum", "expected a non-empty list [A, B]");
            }
            for (Node n : seq.getValue()) enumValues.add(scalar(n, at + ".enum"));
        }
        Object min = e.containsKey("min") ? bound(type, e.get("min"), at + ".min", zone) : null;
        Object max = e.containsKey("max") ? bound(type, e.get("max"), at + ".max", zone) : null;
        if (min != null && max != null && Field.ORDER.compare(min, max) > 0) {
            throw ContractException.at(name, line(e.get("min")), at + ".min", "greater than max");
        }
        Field.Reference ref = null;
        if (e.containsKey("references")) {
            String r = scalar(e.get("references"), at + ".references");
            int dot = r.indexOf('.');
            if (dot <= 0 || dot == r.length() - 1) {
                throw ContractException.at(name, line(e.get("references")), at + ".references",
                        "'" + r + "' is not dataset.field");
            }
            ref = new Field.Reference(r.substring(0, dot), r.substring(dot + 1));
        }
        boolean personal = e.containsKey("personal") ? bool(e.get("personal"), at + ".personal")
                : Field.personalByDefault(field, format);
        return new Field(field, type, required, pattern, format, enumValues, min, max, ref, personal);
    }

    /** Bounds in the type's domain: BigDecimal for numbers and string lengths, LocalDate, Instant. */
    private Object bound(FieldType type, Node node, String at, ZoneId zone) {
        String text = scalar(node, at);
        try {
            return switch (type) {
                case INTEGER, DECIMAL, STRING -> new BigDecimal(text);
                case DATE -> LocalDate.parse(text);
                case DATETIME -> FieldType.instant(text, zone);
                case BOOLEAN -> throw ContractException.at(name, line(node), at, "a boolean field has no range");
            };
        } catch (NumberFormatException | DateTimeException | StringIndexOutOfBoundsException ex) {
            throw ContractException.at(name, line(node), at, "'" + text + "' is not a " + (type == FieldType.STRING
                    ? "length" : type.label()));
        }
    }

    private Map<String, Node> entries(MappingNode m, String at, Set<String> known) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String k = scalar(t.getKeyNode(), at);
            String path = at == null ? k : at + "." + k;
            if (!known.contains(k)) {
                throw ContractException.at(name, line(t.getKeyNode()), path, "unknown key; known keys: " + known.stream().sorted().toList());
            }
            if (out.put(k, t.getValueNode()) != null) throw ContractException.at(name, line(t.getKeyNode()), path, "given twice");
        }
        return out;
    }

    private Node required(Map<String, Node> entries, Node parent, String key) {
        Node n = entries.get(key);
        if (n == null) throw ContractException.at(name, line(parent), key, "missing");
        return n;
    }

    private MappingNode mapping(Node node, String at, String expected) {
        if (node instanceof MappingNode m) return m;
        throw ContractException.at(name, line(node), at, "expected " + expected);
    }

    private String scalar(Node node, String at) {
        if (node instanceof ScalarNode s && !s.getValue().isBlank()) return s.getValue();
        throw ContractException.at(name, line(node), at, "expected a value");
    }

    private boolean bool(Node node, String at) {
        String s = scalar(node, at);
        if (s.equals("true")) return true;
        if (s.equals("false")) return false;
        throw ContractException.at(name, line(node), at, "expected true or false, got '" + s + "'");
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
