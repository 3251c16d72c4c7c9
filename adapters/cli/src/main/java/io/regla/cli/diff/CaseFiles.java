package io.regla.cli.diff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.regla.api.FactFormat;
import io.regla.api.spi.StoredFacts;
import io.regla.cli.CliException;
import io.regla.core.diff.Case;
import io.regla.core.facts.FactMapper;
import io.regla.core.facts.Json;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Reads the facts {@code regla diff} replays, as {@code regla decide} does (JSON, YAML, CSV), into cases
 * before any grouping: one per file, one per YAML document ({@code ---}), and a document holding
 * {@code given:} (a scenario's shape) is its {@code given} list. A folder is read file by file, sorted, recursively.
 */
public final class CaseFiles {

    private CaseFiles() {
    }

    /** The data files under {@code path} (itself if a file): {@code .json}, {@code .yaml}, {@code .yml}, {@code .csv}. */
    public static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) return List.of(path);
        if (!Files.isDirectory(path)) throw new CliException("--facts " + path + ": no such file or directory");
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> out = walk.filter(Files::isRegularFile).filter(p -> {
                String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                return n.endsWith(".json") || n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".csv");
            }).sorted().toList();
            if (out.isEmpty()) throw new CliException("--facts " + path + ": no .json, .yaml or .csv file in it");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }

    public static List<Case> read(FactMapper mapper, Path path) {
        List<Case> out = new ArrayList<>();
        for (Path f : files(path)) {
            String name = Files.isDirectory(path) ? path.relativize(f).toString() : f.getFileName().toString();
            FactFormat format = FactFormat.ofFileName(f.getFileName().toString());
            if (format == FactFormat.CSV) {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                    out.add(new Case(name, mapper.read(format, in, f.toString(), csvType(f))));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read facts from " + f, e);
                }
                continue;
            }
            List<JsonNode> docs = documents(f, format);
            for (int i = 0; i < docs.size(); i++) {
                JsonNode doc = docs.get(i);
                if (doc == null || doc.isNull() || doc.isMissingNode()) continue;
                if (doc.isObject() && doc.has("given")) doc = doc.get("given");
                String id = docs.size() == 1 ? name : name + "#" + (i + 1);
                out.add(new Case(id, mapper.fromTree(doc, f + (docs.size() == 1 ? "" : " document " + (i + 1)))));
            }
        }
        return out;
    }

    /** Facts from a store's database file, through the store adapter found on the class path. */
    public static List<Object> fromStore(FactMapper mapper, Path db) {
        StoredFacts reader = ServiceLoader.load(StoredFacts.class).findFirst().orElseThrow(() -> new CliException(
                "--db needs a store adapter (store-jdbc) on the class path; none found"));
        List<StoredFacts.Raw> raw;
        try {
            raw = reader.readAll(db);
        } catch (RuntimeException e) {
            throw new CliException("--db " + db + ": " + e.getMessage());
        }
        ArrayNode tree = Json.JSON.createArrayNode();
        List<String> unknown = new ArrayList<>();
        for (StoredFacts.Raw r : raw) {
            if (mapper.types().find(r.type()).isEmpty()) { // the store also keeps facts other domains use
                if (!unknown.contains(r.type())) unknown.add(r.type());
                continue;
            }
            try {
                tree.addObject().set(r.type(), Json.JSON.readTree(r.json()));
            } catch (IOException e) {
                throw new CliException("--db " + db + ": fact " + r.type() + "#" + r.id() + " is not JSON: " + e.getMessage());
            }
        }
        return mapper.fromTree(tree, db.toString());
    }

    private static List<JsonNode> documents(Path f, FactFormat format) {
        try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            var mapper = format == FactFormat.JSON ? Json.JSON : Json.YAML;
            // one value per YAML document (or per concatenated JSON value); a top-level list stays one value
            List<JsonNode> docs = new ArrayList<>();
            try (com.fasterxml.jackson.core.JsonParser p = mapper.getFactory().createParser(in)) {
                while (p.nextToken() != null) docs.add(mapper.readTree(p));
            }
            return docs;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CliException(f + ": line " + line + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read facts from " + f, e);
        }
    }

    /** {@code Enrollment.csv} or {@code enrollments.csv} names the type {@code Enrollment}, as for {@code regla decide}. */
    private static String csvType(Path f) {
        String base = f.getFileName().toString();
        int dot = base.indexOf('.');
        if (dot > 0) base = base.substring(0, dot);
        return base.isEmpty() ? null : Character.toUpperCase(base.charAt(0)) + base.substring(1);
    }
}
