package io.regla.core.compile;

import io.regla.api.CompileError;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Drools' {@link KnowledgeBuilder} and its decision-table parser report, as {@link CompileError}s with the rule
 * set's file, line and column: messages on one line, parser noise dropped, a table's errors on its row rather than on
 * the DRL generated from it. Split out of {@link RuleSetCompiler}, which decides what to compile.
 */
final class KnowledgeBuilderErrors {

    private static final Pattern LINE_COL = Pattern.compile("(?:\\[Line: ?(\\d+), ?Column: ?(\\d+)]|[Ll]ine (\\d+):(\\d+))");
    private static final Pattern TABLE_ROW = Pattern.compile("rule \"?[^\"]*?_(\\d+)\"?|row (\\d+)", Pattern.CASE_INSENSITIVE);

    private KnowledgeBuilderErrors() {
    }

    /** Adds a decision table to {@code builder}; a table the parser throws on becomes an error of {@code name}. */
    static void addTable(KnowledgeBuilder builder, Resource resource, DecisionTableInputType type,
                         String name, List<CompileError> errors) {
        DecisionTableConfiguration dt = KnowledgeBuilderFactory.newDecisionTableConfiguration();
        dt.setInputType(type);
        resource.setResourceType(ResourceType.DTABLE);
        try {
            builder.add(resource, ResourceType.DTABLE, dt);
        } catch (RuntimeException e) {
            // The decision-table parser throws instead of reporting (bad keywords, malformed rows).
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            errors.add(new CompileError(name, rowOf(String.valueOf(root.getMessage())), 0, String.valueOf(root.getMessage())));
        }
    }

    /** The builder's errors, sorted by file and line; {@code tableFiles} are the decision tables among the files. */
    static List<CompileError> of(KnowledgeBuilder builder, Set<String> tableFiles) {
        List<CompileError> out = new ArrayList<>();
        Set<String> filesWithRealErrors = new HashSet<>();
        List<KnowledgeBuilderError> all = new ArrayList<>(builder.getErrors());
        for (KnowledgeBuilderError e : all) {
            if (!e.getMessage().contains("Parser returned a null Package") && e.getResource() != null) {
                filesWithRealErrors.add(TablePaths.fileOf(e.getResource().getSourcePath()));
            }
        }
        for (KnowledgeBuilderError e : all) {
            String file = e.getResource() == null ? "?" : TablePaths.fileOf(e.getResource().getSourcePath());
            String message = e.getMessage().trim();
            // A syntax error also yields "Parser returned a null Package" at line 0: noise next to the real one.
            if (message.contains("Parser returned a null Package") && filesWithRealErrors.contains(file)) continue;
            int line = e.getLines() != null && e.getLines().length > 0 ? e.getLines()[0] : 0;
            int col = 0;
            Matcher m = LINE_COL.matcher(message);
            if (m.find()) {
                int l = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(3));
                col = Integer.parseInt(m.group(2) != null ? m.group(2) : m.group(4));
                if (line <= 0) line = l;
                col = col + 1; // the parser counts columns from 0
            }
            if (tableFiles.contains(file)) {
                // Lines refer to the DRL generated from the table; the rule name carries the table row.
                int row = rowOf(message);
                message = message + (row > 0 ? "" : " (line refers to the DRL generated from the table)");
                line = row > 0 ? row : line;
                col = 0;
            }
            out.add(new CompileError(file, Math.max(line, 0), col, oneLine(message)));
        }
        out.sort(Comparator.comparing(CompileError::file).thenComparingInt(CompileError::line));
        return out;
    }

    private static int rowOf(String message) {
        Matcher m = TABLE_ROW.matcher(message);
        if (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) return Integer.parseInt(m.group(g));
            }
        }
        return 0;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
