package io.regla.core.compile;

import io.regla.api.CompileError;
import io.regla.core.registry.RuleSetFolder;
import io.regla.core.registry.RuleSource;
import io.regla.core.registry.StartupIndex;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build-time compilation of rule set versions: for every {@code <rule-set>/<version>/} folder under the
 * given roots, compiles the folder exactly as the engine does at run time ({@link RuleSetCompiler#compileFiles})
 * and writes {@code <version>/.compiled/packages.bin} beside it (see {@link PrecompiledPackages}), then
 * {@code <root>/.compiled/index.bin}, the versions' manifests and checksums for start-up (see {@link StartupIndex}).
 *
 * <p>A rules module runs it at {@code process-classes} over {@code target/classes/rules}, so the jar ships
 * the artifacts and the engine loads them instead of compiling DRL at start:
 * <pre>java -cp &lt;module classpath&gt; io.regla.core.compile.Precompiler target/classes/rules</pre>
 * A version that does not compile fails the build with its errors (file, line, column), as it would fail
 * its first decision.
 */
public final class Precompiler {

    private final RuleSetCompiler compiler;
    private final PrintStream out;

    public Precompiler(ClassLoader classLoader, PrintStream out) {
        // pool size 1: the build never decides; precompiled off: always compile from the files
        // bundled rules: strict only where ruleset.yaml says so; their helpers are the host's to allow, so not checked here
        this.compiler = new RuleSetCompiler(classLoader, 1, io.regla.core.observe.EngineObserver.NONE, false, false,
                new io.regla.core.compile.strict.StrictSettings(io.regla.core.compile.strict.StrictSettings.Mode.NEVER, java.util.Set.of()));
        this.out = out;
    }

    /** One compiled version: where its artifact went. */
    public record Written(String location, Path artifact, long bytes) {
    }

    /** Compiles every version folder under {@code root}; throws with every error when one fails. */
    public List<Written> precompile(Path root) {
        List<Written> written = new ArrayList<>();
        List<RuleSetFolder> indexed = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        RuleSource source = RuleSource.directory(root);
        for (Path dir : source.versionFolders()) {
            String location = root + "/" + dir.getParent().getFileName() + "/" + dir.getFileName();
            RuleSetFolder folder = RuleSetFolder.read(dir, location);
            byte[][] packages = new byte[1][];
            RuleSetCompiler.Result result = compiler.compileFiles(folder, bytes -> packages[0] = bytes);
            if (!result.ok()) {
                StringBuilder text = new StringBuilder(location).append(" does not compile:");
                for (CompileError e : result.errors()) text.append("\n  ").append(e);
                failures.add(text.toString());
                continue;
            }
            result.compiled().retire();
            try {
                PrecompiledPackages.write(dir, folder.checksum(), packages[0]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + PrecompiledPackages.location(dir), e);
            }
            Path artifact = PrecompiledPackages.location(dir);
            written.add(new Written(location, artifact, packages[0].length));
            indexed.add(folder);
        }
        if (!failures.isEmpty()) throw new IllegalStateException(String.join("\n", failures));
        try {
            // written last: an index only ever describes versions whose artifacts are in place
            StartupIndex.write(root, indexed);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + StartupIndex.location(root), e);
        }
        return written;
    }

    /** Arguments: one or more roots holding {@code <rule-set>/<version>/} folders; a missing root is skipped. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: Precompiler <rules root>...   (folders holding <rule-set>/<version>/)");
            System.exit(2);
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Precompiler precompiler = new Precompiler(loader, System.out);
        int status = 0;
        for (String arg : args) {
            Path root = Path.of(arg);
            if (!Files.isDirectory(root)) {
                System.out.println("regla precompile: " + root + " does not exist, nothing to compile");
                continue;
            }
            long start = System.nanoTime();
            try {
                List<Written> written = precompiler.precompile(root);
                precompiler.out.printf("regla precompile: %d rule set versions under %s compiled in %d ms%n",
                        written.size(), root, (System.nanoTime() - start) / 1_000_000);
            } catch (IllegalStateException e) {
                System.err.println("regla precompile: " + e.getMessage());
                status = 1;
            }
        }
        System.exit(status); // Drools may leave non-daemon threads behind; the build waits for this JVM
    }
}
