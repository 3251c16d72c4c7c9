package io.regla.core.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Version;
import io.regla.core.facts.Mappers;
import io.regla.core.registry.Manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads scenario files. A file may hold several scenarios as YAML documents separated by {@code ---}.
 * Unknown keys are errors, so a misspelt {@code expcet:} cannot silently check nothing.
 */
public final class ScenarioParser {

    private static final Set<String> TOP = Set.of("scenario", "ruleSet", "version", "at", "given", "steps", "expect", "description", "tags");
    private static final Set<String> STEP = Set.of("at", "insert", "expect", "description");
    private static final Set<String> EXPECT = Set.of("actions", "none", "rulesFired", "rulesNotFired");

    private ScenarioParser() {
    }

    /** Whether a YAML file looks like a scenario file (a top-level {@code scenario} key). */
    public static boolean isScenarioFile(Path file) {
        String name = file.getFileName().toString();
        if (!(name.endsWith(".yaml") || name.endsWith(".yml")) || name.equals(Manifest.FILE_NAME)) return false;
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("scenario:")) return true;
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
        return false;
    }

    /** Every scenario file in the given files and folders, recursively (not in target/, node_modules/ nor hidden folders), sorted. */
    public static List<Path> find(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    // Hidden folders (.git, .variants, ...) are not searched: a module keeps there scenarios that only
                    // hold against a variant of its reference data, run by a test of their own.
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !p.relativize(f).toString().replace('\\', '/').matches("(.*/)?(target|\\.[^/]+|node_modules)/.*"))
                            .filter(ScenarioParser::isScenarioFile)
                            .sorted().forEach(out::add);
                } catch (IOException e) {
                    throw new ScenarioFormatException("cannot read folder " + p + ": " + e.getMessage());
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new ScenarioFormatException("no such file or folder: " + p);
            }
        }
        return out;
    }

    public static List<Scenario> parse(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScenarioFormatException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static List<Scenario> parse(String yaml, String source) {
        List<Scenario> out = new ArrayList<>();
        try (JsonParser parser = Mappers.yaml().getFactory().createParser(yaml);
             MappingIterator<JsonNode> docs = Mappers.yaml().readValues(parser, JsonNode.class)) {
            int doc = 0;
            while (docs.hasNextValue()) {
                int line = parser.currentLocation().getLineNr();
                JsonNode node = docs.nextValue();
                doc++;
                if (node == null || node.isNull() || node.isMissingNode()) continue;
                String where = source + (doc > 1 ? "#" + doc : "");
                out.add(scenario(node, where, line));
            }
        } catch (IOException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe && jpe.getLocation() != null
                    ? "line " + jpe.getLocation().getLineNr() + ": " + jpe.getOriginalMessage() : e.getMessage();
            throw new ScenarioFormatException(source + ": not valid YAML: " + msg);
        }
        return out;
    }

    private static Scenario scenario(JsonNode node, String where, int line) {
        if (!node.isObject()) throw new ScenarioFormatException(where + ": a scenario is a mapping with 'scenario', 'ruleSet', 'at', 'given' and 'expect'");
        checkKeys(node, TOP, where);
        String name = required(node, "scenario", where).asText();
        String ruleSet = required(node, "ruleSet", where).asText();
        Version version = null;
        if (node.hasNonNull("version")) {
            try {
                version = Version.parse(node.get("version").asText());
            } catch (IllegalArgumentException e) {
                throw new ScenarioFormatException(where + ": version: " + e.getMessage());
            }
        }
        Instant at = instant(required(node, "at", where), where + ": at");
        List<Scenario.FactSpec> given = facts(node.get("given"), where + ": given");
        List<Scenario.Step> steps = new ArrayList<>();
        JsonNode stepsNode = node.get("steps");
        if (stepsNode != null && !stepsNode.isNull()) {
            if (!stepsNode.isArray()) throw new ScenarioFormatException(where + ": steps: expected a list");
            for (int i = 0; i < stepsNode.size(); i++) {
                String sw = where + ": steps[" + (i + 1) + "]";
                JsonNode s = stepsNode.get(i);
                if (!s.isObject()) throw new ScenarioFormatException(sw + ": expected a mapping with at, insert, expect");
                checkKeys(s, STEP, sw);
                Instant stepAt = s.hasNonNull("at") ? instant(s.get("at"), sw + ".at") : null;
                steps.add(new Scenario.Step(stepAt, facts(s.get("insert"), sw + ".insert"),
                        s.hasNonNull("expect") ? expectations(s.get("expect"), sw + ".expect") : null));
            }
        }
        Scenario.Expectations expect = node.hasNonNull("expect") ? expectations(node.get("expect"), where + ": expect") : Scenario.Expectations.NONE;
        return new Scenario(name, ruleSet, version, at, given, steps, expect, where + (line > 1 ? " (line " + line + ")" : ""));
    }

    private static Instant instant(JsonNode n, String where) {
        Instant i = Manifest.parseInstant(n.asText(), ZoneOffset.UTC);
        if (i == null || !n.asText().matches(".*T.*([+-]\\d\\d:?\\d\\d|Z)$")) {
            throw new ScenarioFormatException(where + ": '" + n.asText() + "' is not an ISO-8601 instant with offset (2026-03-02T09:00:00-03:00)");
        }
        return i;
    }

    private static List<Scenario.FactSpec> facts(JsonNode list, String where) {
        List<Scenario.FactSpec> out = new ArrayList<>();
        if (list == null || list.isNull()) return out;
        if (!list.isArray()) throw new ScenarioFormatException(where + ": expected a list of '- Type: {fields}'");
        for (int i = 0; i < list.size(); i++) {
            Map.Entry<String, JsonNode> e = single(list.get(i), where + "[" + (i + 1) + "]");
            JsonNode fields = e.getValue();
            if (fields == null || fields.isNull()) fields = Mappers.yaml().createObjectNode();
            if (!fields.isObject()) throw new ScenarioFormatException(where + "[" + (i + 1) + "]." + e.getKey() + ": expected {field: value, ...}");
            out.add(new Scenario.FactSpec(e.getKey(), (ObjectNode) fields, where + "[" + (i + 1) + "]"));
        }
        return out;
    }

    private static Scenario.Expectations expectations(JsonNode n, String where) {
        if (!n.isObject()) throw new ScenarioFormatException(where + ": expected a mapping with actions, none, rulesFired");
        checkKeys(n, EXPECT, where);
        List<Scenario.ExpectedAction> actions = new ArrayList<>();
        JsonNode a = n.get("actions");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) throw new ScenarioFormatException(where + ".actions: expected a list");
            for (int i = 0; i < a.size(); i++) {
                String aw = where + ".actions[" + (i + 1) + "]";
                JsonNode item = a.get(i);
                if (!item.isObject()) throw new ScenarioFormatException(aw + ": expected '- Type: {fields}' with an optional count");
                int count = 1;
                ObjectNode copy = item.deepCopy();
                if (copy.has("count")) {
                    JsonNode c = copy.remove("count");
                    if (!c.canConvertToInt() || c.asInt() < 0) throw new ScenarioFormatException(aw + ".count: expected a whole number ≥ 0");
                    count = c.asInt();
                }
                actions.add(new Scenario.ExpectedAction(pattern(copy, aw), count));
            }
        }
        List<Scenario.ActionPattern> none = new ArrayList<>();
        JsonNode nn = n.get("none");
        if (nn != null && !nn.isNull()) {
            if (!nn.isArray()) throw new ScenarioFormatException(where + ".none: expected a list");
            for (int i = 0; i < nn.size(); i++) none.add(pattern(nn.get(i), where + ".none[" + (i + 1) + "]"));
        }
        return new Scenario.Expectations(actions, none, names(n.get("rulesFired"), where + ".rulesFired"),
                names(n.get("rulesNotFired"), where + ".rulesNotFired"));
    }

    private static Scenario.ActionPattern pattern(JsonNode item, String where) {
        Map.Entry<String, JsonNode> e = single(item, where);
        JsonNode fields = e.getValue();
        if (fields == null || fields.isNull()) fields = Mappers.yaml().createObjectNode();
        if (!fields.isObject()) throw new ScenarioFormatException(where + "." + e.getKey() + ": expected {field: value, ...}");
        return new Scenario.ActionPattern(e.getKey(), (ObjectNode) fields);
    }

    private static List<String> names(JsonNode n, String where) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (n.isTextual()) {
            out.add(n.asText());
        } else if (n.isArray()) {
            n.forEach(x -> out.add(x.asText()));
        } else {
            throw new ScenarioFormatException(where + ": expected a list of rule names");
        }
        return out;
    }

    private static Map.Entry<String, JsonNode> single(JsonNode item, String where) {
        if (item == null || !item.isObject() || item.size() != 1) {
            throw new ScenarioFormatException(where + ": expected exactly one 'Type: {fields}' entry, got " + item);
        }
        return item.fields().next();
    }

    private static JsonNode required(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            throw new ScenarioFormatException(where + ": missing required key '" + key + "'");
        }
        return v;
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new ScenarioFormatException(where + ": unknown key '" + k + "'; expected one of " + new java.util.TreeSet<>(allowed));
            }
        }
    }
}
