package io.regla.core.compile;

import io.regla.api.Action;
import io.regla.api.CompileError;
import io.regla.api.Now;
import io.regla.core.facts.FactMapper;
import io.regla.core.facts.FactTypes;
import io.regla.core.observe.EngineObserver;
import io.regla.core.registry.Manifest;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.compile.strict.StrictProfile;
import io.regla.core.compile.strict.StrictSettings;
import io.regla.core.compile.strict.StrictCheck;
import org.drools.base.base.ClassObjectType;
import org.drools.base.definitions.InternalKnowledgePackage;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.ImportDeclaration;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compiles a rule set version with the classic DRL path ({@link KnowledgeBuilder}: no repository, no
 * log noise, about 180 KiB per version). DRL files ({@code .drl}), decision tables ({@code .csv} that
 * contain a {@code RuleTable}, {@code .xlsx}) and reference data ({@code data:} in the manifest) are read;
 * every problem comes back as a {@link CompileError} with file, line and column (Drools' own reports translated by
 * {@link KnowledgeBuilderErrors}).
 */
public final class RuleSetCompiler {

    /** Actions every rule set can emit and every scenario can name, imported or not. */
    private static final List<Class<?>> SHARED_ACTIONS = List.of(io.regla.api.action.SendEmail.class,
            io.regla.api.action.Alert.class, io.regla.api.action.Rejection.class, io.regla.api.action.AssignOwner.class,
            io.regla.api.action.NotifyInternal.class);

    private static final Logger log = LoggerFactory.getLogger(RuleSetCompiler.class);

    private final ClassLoader classLoader;
    private final int poolSize;
    private final boolean usePrecompiled;
    private final boolean alphaNetworkCompiler;
    private final java.util.concurrent.atomic.AtomicLong compilations = new java.util.concurrent.atomic.AtomicLong();
    private final EngineObserver observer;
    private final StrictSettings strict;
    /** Rule sets whose versions are built with Drools' executable model ({@link ExecutableModel}); none by default. */
    private volatile Set<String> executableModel = Set.of();
    /** Drools' one-time initialisation, when started early on another thread; every compile waits for it first. */
    private volatile DroolsWarmUp warmUp;

    public RuleSetCompiler(ClassLoader classLoader, int poolSize) {
        this(classLoader, poolSize, EngineObserver.NONE, true, false);
    }

    /** A compiler that reports each compile, its outcome and duration, to {@code observer} (metrics). */
    public RuleSetCompiler(ClassLoader classLoader, int poolSize, EngineObserver observer) {
        this(classLoader, poolSize, observer, true, false);
    }

    /**
     * @param usePrecompiled       load a version from its current build-time artifact when it has one
     * @param alphaNetworkCompiler compile each KieBase's alpha network to bytecode (needs
     *                             {@code org.drools:drools-alphanetwork-compiler} on the classpath)
     */
    public RuleSetCompiler(ClassLoader classLoader, int poolSize, EngineObserver observer, boolean usePrecompiled,
                           boolean alphaNetworkCompiler) {
        this(classLoader, poolSize, observer, usePrecompiled, alphaNetworkCompiler, StrictSettings.DEFAULT);
    }

    /** @param strict which versions are checked against the {@link StrictProfile}, with which helpers */
    public RuleSetCompiler(ClassLoader classLoader, int poolSize, EngineObserver observer, boolean usePrecompiled,
                           boolean alphaNetworkCompiler, StrictSettings strict) {
        this.strict = strict;
        this.classLoader = classLoader;
        this.poolSize = poolSize;
        this.observer = observer;
        this.usePrecompiled = usePrecompiled;
        this.alphaNetworkCompiler = alphaNetworkCompiler;
        if (alphaNetworkCompiler) AlphaNetworkCompiler.checkAvailable();
    }

    /**
     * Builds the versions of these rule sets with Drools' executable model (see {@link ExecutableModel}), from their
     * files: a build-time artifact (classic packages) is not used for them.
     */
    public void executableModel(Set<String> ruleSets) {
        this.executableModel = Set.copyOf(ruleSets);
    }

    /** Makes every compile first wait for Drools' initialisation started on another thread ({@link DroolsWarmUp}). */
    public void awaitBeforeCompiling(DroolsWarmUp warmUp) {
        this.warmUp = warmUp;
    }

    /** Lets the warm-up, if any, finish on this artifact (null: none) loaded into a throwaway KieBase. */
    public void warmUpOn(java.nio.file.Path artifact) {
        if (warmUp != null) warmUp.sample(artifact);
    }

    /** How many times a folder was compiled (successfully or not, from its files or its artifact) by this compiler. */
    public long compilations() {
        return compilations.get();
    }

    /** Whether versions may be loaded from build-time artifacts (and so start-up may use build-time indexes). */
    public boolean usesPrecompiled() {
        return usePrecompiled;
    }

    /** The class loader fact, action and helper classes are loaded from. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Which versions this compiler checks against the strict profile, and the helpers it allows. */
    public StrictSettings strictSettings() {
        return strict;
    }

    /** Initial pooled sessions per build. */
    public int poolSize() {
        return poolSize;
    }

    /** The outcome: a build, or the errors (never both). */
    public record Result(CompiledRuleSet compiled, List<CompileError> errors) {
        public boolean ok() {
            return compiled != null;
        }
    }

    /**
     * Builds a version: from its build-time artifact when there is a current one (see
     * {@link PrecompiledPackages}), otherwise from its files.
     */
    public Result compile(RuleSetFolder folder) {
        if (observer == EngineObserver.NONE) return build(folder);
        long started = System.nanoTime();
        Result result = build(folder);
        observer.compiled(folder.ruleSet(), folder.manifest() == null ? null : folder.manifest().version(),
                result.ok(), System.nanoTime() - started);
        return result;
    }

    private Result build(RuleSetFolder folder) {
        DroolsWarmUp.await(warmUp);
        compilations.incrementAndGet();
        if (folder.manifest() == null) return new Result(null, List.copyOf(folder.errors()));
        if (usePrecompiled && !executableModel.contains(folder.manifest().id())) {
            PrecompiledPackages.Lookup pre = PrecompiledPackages.load(folder, classLoader);
            if (pre.hit()) {
                // an artifact is the version's files compiled: the profile is still checked on those files
                List<CompileError> refused = strictErrors(folder);
                if (!refused.isEmpty()) return new Result(null, refused);
                log.debug("{}: loaded from its build-time artifact", folder.location());
                return finish(folder, pre.kieBase(), new ArrayList<>());
            }
            log.debug("{}: compiling from its files ({})", folder.location(), pre.reason());
        }
        return compileFiles(folder, null);
    }

    /**
     * Compiles a version from its files, as {@link #compile} does without an artifact, and hands the
     * serialized knowledge packages to {@code serialized} when it succeeds: what the build-time
     * {@link Precompiler} writes.
     */
    public Result compileFiles(RuleSetFolder folder, Consumer<byte[]> serialized) {
        DroolsWarmUp.await(warmUp);
        List<CompileError> errors = new ArrayList<>(folder.errors());
        if (folder.manifest() == null) return new Result(null, errors);
        Manifest manifest = folder.manifest();
        Set<String> dataFiles = new HashSet<>();
        manifest.data().forEach(d -> dataFiles.add(d.file()));

        KnowledgeBuilderConfiguration conf = KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(conf);
        Set<String> tableFiles = new HashSet<>();
        int resources = 0;
        for (Map.Entry<String, byte[]> file : folder.sortedFiles().entrySet()) {
            String name = file.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            if (dataFiles.contains(name) || name.equals(Manifest.FILE_NAME)) continue;
            Resource resource = ResourceFactory.newByteArrayResource(file.getValue());
            resource.setSourcePath(name);
            if (lower.endsWith(".drl")) {
                builder.add(resource, ResourceType.DRL);
                resources++;
            } else if (lower.endsWith(".csv")) {
                if (!isDecisionTable(file.getValue())) {
                    errors.add(new CompileError(name, 0, 0, "neither a decision table (no RuleTable cell) "
                            + "nor listed under 'data' in ruleset.yaml"));
                    continue;
                }
                resource.setSourcePath(TablePaths.of(name, file.getValue()));
                KnowledgeBuilderErrors.addTable(builder, resource, DecisionTableInputType.CSV, name, errors);
                tableFiles.add(name);
                resources++;
            } else if (lower.endsWith(".xlsx") || lower.endsWith(".xls")) {
                resource.setSourcePath(TablePaths.of(name, file.getValue()));
                KnowledgeBuilderErrors.addTable(builder, resource, DecisionTableInputType.XLS, name, errors);
                tableFiles.add(name);
                resources++;
            }
        }
        errors.addAll(strictErrors(folder));
        if (resources == 0) {
            errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "no .drl file or decision table in " + folder.location()));
        }
        if (builder.hasErrors()) {
            errors.addAll(KnowledgeBuilderErrors.of(builder, tableFiles));
        }
        for (var r : builder.getResults(ResultSeverity.WARNING)) {
            log.debug("{} {}: {}", manifest.id(), manifest.version(), r.getMessage());
        }
        if (!errors.isEmpty()) return new Result(null, List.copyOf(errors));

        byte[] packages = serialized == null ? null : PrecompiledPackages.serialize(builder.getKnowledgePackages());
        KieBase kieBase = builder.newKieBase();
        KieBase sessions = kieBase;
        if (executableModel.contains(manifest.id())) {
            ExecutableModel.Build exec = ExecutableModel.build(folder, classLoader);
            if (!exec.errors().isEmpty()) return new Result(null, exec.errors());
            sessions = exec.kieBase();
        }
        // the classic KieBase describes the version (its packages keep the imports that name its action types)
        Result result = finish(folder, sessions, kieBase, errors);
        if (result.ok() && serialized != null) serialized.accept(packages);
        return result;
    }

    /**
     * A build of {@code folder} on the rules of {@code base}, for a folder that differs from base's only in its
     * reference-data files: fact types and reference facts are read again, the KieBase is shared (nothing compiles).
     */
    public Result withReferenceData(CompiledRuleSet base, RuleSetFolder folder) {
        if (folder.manifest() == null) return new Result(null, List.copyOf(folder.errors()));
        // an executable-model KieBase cannot describe the version (no imports): build such a version from its files
        if (executableModel.contains(folder.manifest().id())) return compileFiles(folder, null);
        DroolsWarmUp.await(warmUp);
        return finish(folder, base.kieBase(), new ArrayList<>());
    }

    /** What every build needs beyond its KieBase: fact types, reference facts, the session pool. */
    private Result finish(RuleSetFolder folder, KieBase kieBase, List<CompileError> errors) {
        return finish(folder, kieBase, kieBase, errors);
    }

    /**
     * @param kieBase     what sessions run on
     * @param describedBy the same rules as built by the classic path: fact types, rule names and pattern types are
     *                    read from it (an executable-model KieBase drops the packages' imports)
     */
    private Result finish(RuleSetFolder folder, KieBase kieBase, KieBase describedBy, List<CompileError> errors) {
        Manifest manifest = folder.manifest();
        if (alphaNetworkCompiler) AlphaNetworkCompiler.apply(kieBase);
        FactTypes types = factTypes(describedBy, manifest, errors);
        FactMapper mapper = new FactMapper(types);
        List<Object> referenceFacts = ReferenceData.read(folder, mapper, this::load, errors);
        if (!errors.isEmpty()) return new Result(null, List.copyOf(errors));

        KieSessionConfiguration sessionConf = KieServices.get().newKieSessionConfiguration(null, classLoader);
        sessionConf.setOption(ClockTypeOption.PSEUDO);
        return new Result(new CompiledRuleSet(folder, kieBase, sessionConf, poolSize, ruleNames(describedBy), mapper,
                referenceFacts, patternTypes(describedBy)), List.of());
    }

    /** The strict profile's refusals for {@code folder}, or none when the profile does not apply to it. */
    private List<CompileError> strictErrors(RuleSetFolder folder) {
        return strict.appliesTo(folder) ? strictCheck(folder) : List.of();
    }

    /** The strict profile's refusals for {@code folder} whether or not this compiler applies it there ({@code regla check}). */
    public List<CompileError> strictCheck(RuleSetFolder folder) {
        List<Class<?>> shared = new ArrayList<>(SHARED_ACTIONS);
        shared.add(Now.class);
        return StrictCheck.of(folder, classLoader, shared, strict.helpers());
    }

    static boolean isDecisionTable(byte[] csv) {
        return new String(csv, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT).contains("ruletable");
    }

    private FactTypes factTypes(KieBase kieBase, Manifest manifest, List<CompileError> errors) {
        Map<String, Class<?>> known = new HashMap<>();
        known.put(Now.class.getSimpleName(), Now.class);
        for (Class<?> shared : SHARED_ACTIONS) known.put(shared.getSimpleName(), shared);
        List<InternalKnowledgePackage> packages = new ArrayList<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            if (!(p instanceof InternalKnowledgePackage ip)) continue;
            packages.add(ip);
            for (ImportDeclaration imp : ip.getImports().values()) {
                String target = imp.getTarget();
                if (target.endsWith(".*")) continue;
                Class<?> c = load(target);
                if (c != null) known.putIfAbsent(c.getSimpleName(), c);
            }
            for (var declared : ip.getTypeDeclarations().values()) {
                if (declared.getTypeClass() != null) known.putIfAbsent(declared.getTypeName(), declared.getTypeClass());
            }
        }
        for (String name : manifest.facts()) {
            Class<?> c = load(name);
            if (c == null) {
                errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "facts: class '" + name + "' not found on the classpath"));
            } else {
                known.put(c.getSimpleName(), c);
            }
        }
        return new FactTypes(known, simple -> {
            for (InternalKnowledgePackage p : packages) {
                try {
                    Class<?> c = p.getTypeResolver().resolveType(simple);
                    if (c != null && !c.isPrimitive()) return c;
                } catch (ClassNotFoundException | RuntimeException ignored) {
                    // not in this package's imports
                }
            }
            return null;
        });
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static List<String> ruleNames(KieBase kieBase) {
        Set<String> names = new LinkedHashSet<>();
        kieBase.getKiePackages().stream().sorted(Comparator.comparing(KiePackage::getName))
                .forEach(p -> p.getRules().stream().map(Rule::getName).sorted().forEach(names::add));
        return List.copyOf(names);
    }

    private static Set<Class<?>> patternTypes(KieBase kieBase) {
        Set<Class<?>> types = new HashSet<>();
        types.add(Action.class); // actions are the engine's output; never warn about them
        for (KiePackage p : kieBase.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (r instanceof RuleImpl ri && ri.getLhs() != null) collect(ri.getLhs(), types);
            }
        }
        return types;
    }

    private static void collect(RuleConditionElement element, Set<Class<?>> types) {
        if (element instanceof org.drools.base.rule.Pattern p && p.getObjectType() instanceof ClassObjectType cot) {
            types.add(cot.getClassType());
        }
        for (RuleConditionElement nested : element.getNestedElements()) {
            collect(nested, types);
        }
    }
}
