package io.regla.rules.quality.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The contracts of a folder ({@code *.contract.yaml}), checked together: every reference names a dataset and a
 * field that exist. {@link #ordered()} lists referenced datasets before the datasets that reference them, so a
 * check builds each reference index while it reads the referenced dataset anyway.
 *
 * @param folder the contracts folder
 * @param byName the contracts by dataset name
 */
public record Contracts(Path folder, Map<String, Contract> byName) {

    public static final String SUFFIX = ".contract.yaml";

    /** Reads and cross-checks every contract of {@code folder}. */
    public static Contracts load(Path folder) {
        if (!Files.isDirectory(folder)) throw new ContractException(folder + ": no such contracts folder");
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
        if (files.isEmpty()) throw new ContractException(folder + ": no *" + SUFFIX + " file");
        Map<String, Contract> byName = new LinkedHashMap<>();
        for (Path f : files) {
            Contract c = ContractParser.parse(f);
            byName.put(c.dataset(), c);
        }
        Contracts contracts = new Contracts(folder, byName);
        contracts.checkReferences();
        return contracts;
    }

    public Contract get(String dataset) {
        Contract c = byName.get(dataset);
        if (c == null) throw new ContractException("no contract for dataset '" + dataset + "'; datasets: " + byName.keySet());
        return c;
    }

    private void checkReferences() {
        for (Contract c : byName.values()) {
            for (Field f : c.fields().values()) {
                if (f.references() == null) continue;
                Contract target = byName.get(f.references().dataset());
                String where = c.file().getFileName() + ":" + referenceLine(c, f) + ": fields." + f.name() + ".references: ";
                if (target == null) {
                    throw new ContractException(where + "dataset '" + f.references().dataset()
                            + "' has no contract in " + folder + " (datasets: " + byName.keySet() + ")");
                }
                if (!target.fields().containsKey(f.references().field())) {
                    throw new ContractException(where + "'" + f.references().dataset() + "' has no field '"
                            + f.references().field() + "' (fields: " + target.fields().keySet() + ")");
                }
            }
        }
    }

    private static int referenceLine(Contract c, Field f) {
        // The parser has no node here any more: find the line by text, which is what a person looks for anyway.
        try {
            List<String> lines = Files.readAllLines(c.file());
            boolean inField = false;
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i).trim();
                if (l.startsWith(f.name() + ":")) inField = true;
                if (inField && l.contains("references")) return i + 1;
            }
        } catch (IOException ignored) {
            // the line is a courtesy
        }
        return 0;
    }

    /** Datasets with referenced ones first (a cycle keeps file order for its members). */
    public List<Contract> ordered() {
        Set<String> done = new LinkedHashSet<>();
        for (String name : byName.keySet()) visit(name, done, new LinkedHashSet<>());
        List<Contract> out = new ArrayList<>();
        done.forEach(n -> out.add(byName.get(n)));
        return out;
    }

    private void visit(String name, Set<String> done, Set<String> path) {
        if (done.contains(name) || !path.add(name)) return;
        for (Field f : byName.get(name).fields().values()) {
            if (f.references() != null) visit(f.references().dataset(), done, path);
        }
        done.add(name);
    }
}
