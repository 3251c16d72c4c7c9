package io.regla.core.compile;

import io.regla.api.CompileError;
import io.regla.core.registry.RuleSetFolder;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.internal.utils.KieHelper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version's DRL files built with Drools' executable model instead of the classic (MVEL) path: constraints,
 * {@code from} expressions, dynamic salience and consequences become generated Java lambdas, so no MVEL
 * interpreter or reflective call runs per evaluation. On the loyalty replay that is about a tenth less CPU per
 * event (benchmarks/README.md, "Loyalty migration, session 5: engine"). It is an opt-in per rule set
 * ({@code Regla.builder().executableModel("loyalty")}), not the default: it compiles about three times slower,
 * fails on some bundled versions (mailing 1.0.0's LocalDate binding) and changes the firing order of an advising
 * scenario (shared/notes/drools-10.md), so a rule set is switched only once its scenarios pass on it.
 *
 * <p>The classic build still runs first for every version (its errors carry file, line and column, and its
 * packages keep the imports that name the version's fact and action types); sessions run on this one. Decision tables are not supported here.
 */
final class ExecutableModel {

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;?", Pattern.MULTILINE);

    /** Drools' repository keys builds by release id: each build gets its own. */
    private static final AtomicLong BUILDS = new AtomicLong();

    private ExecutableModel() {
    }

    /** The outcome: a KieBase, or the errors (never both). */
    record Build(KieBase kieBase, List<CompileError> errors) {
    }

    static Build build(RuleSetFolder folder, ClassLoader classLoader) {
        List<CompileError> errors = new ArrayList<>();
        KieHelper helper = new KieHelper();
        helper.setClassLoader(classLoader);
        helper.setReleaseId(KieServices.get().newReleaseId("io.regla.exec", folder.manifest().id(),
                folder.manifest().version() + "-" + BUILDS.incrementAndGet()));
        for (Map.Entry<String, byte[]> file : folder.sortedFiles().entrySet()) {
            String name = file.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".xlsx") || lower.endsWith(".xls")
                    || lower.endsWith(".csv") && RuleSetCompiler.isDecisionTable(file.getValue())) {
                errors.add(new CompileError(name, 0, 0, "the executable model is not supported for decision tables: "
                        + "compile " + folder.manifest().id() + " without it"));
            }
            if (!lower.endsWith(".drl")) continue;
            String drl = new String(file.getValue(), StandardCharsets.UTF_8);
            // the folder must be the package: a DRL elsewhere is silently left out of the KieBase
            Matcher m = PACKAGE.matcher(drl);
            String folderPath = m.find() ? m.group(1).replace('.', '/') + "/" : "";
            helper.addContent(drl, "src/main/resources/" + folderPath + name.replace('/', '_'));
        }
        if (!errors.isEmpty()) return new Build(null, errors);
        try {
            return new Build(helper.build(ExecutableModelProject.class), List.of());
        } catch (RuntimeException e) {
            // Drools throws with every error message of the build in its text (the classic build had none)
            return new Build(null, List.of(new CompileError(folder.manifest().id() + " " + folder.manifest().version(), 0, 0,
                    "does not build with the executable model: " + e.getMessage())));
        }
    }
}
