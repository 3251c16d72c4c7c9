package io.regla.core.compile;

import io.regla.core.registry.RuleSetFolder;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.util.Drools;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;

/**
 * The build-time artifact of one rule set version, {@code <version>/.compiled/packages.bin}: the Drools
 * knowledge packages compiled from the folder (Java serialization, generated classes included) and the
 * checksum of the folder they were compiled from. Loading them skips the DRL compiler (parser, MVEL, ECJ),
 * which is most of a cold start.
 *
 * <p>The DRL files stay the source of truth: an artifact is only used when its recorded checksum equals the
 * folder's current one and it was written by the Drools version that reads it; otherwise the folder is
 * compiled from its files. The {@code .compiled} folder starts with a dot, so it is not part of the
 * folder's files or checksum. Artifacts are trusted build output: never load one from an untrusted place
 * (Java deserialization).
 */
public final class PrecompiledPackages {

    public static final String DIRECTORY = ".compiled";
    public static final String FILE = "packages.bin";

    private static final String MAGIC = "regla-compiled-packages";
    private static final int FORMAT = 1;

    private PrecompiledPackages() {
    }

    /** Where the artifact of a version folder lives. */
    public static Path location(Path versionDir) {
        return versionDir.resolve(DIRECTORY).resolve(FILE);
    }

    /**
     * Serializes packages right after the builder made them: a KieBase built on them later wires them into
     * its network, and what is written must be the builder's output, not that.
     */
    public static byte[] serialize(Collection<KiePackage> packages) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
                out.writeObject(new ArrayList<>(packages));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize the knowledge packages", e);
        }
    }

    /** Writes the artifact atomically (a temporary file moved into place). */
    public static void write(Path versionDir, String checksum, byte[] serializedPackages) throws IOException {
        Path target = location(versionDir);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp));
                 DataOutputStream header = new DataOutputStream(file)) {
                header.writeUTF(MAGIC);
                header.writeInt(FORMAT);
                header.writeUTF(checksum);
                header.writeUTF(Drools.getFullVersion());
                header.write(serializedPackages);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The outcome of looking for a folder's artifact: a KieBase built from it, or why there is none.
     *
     * @param kieBase the KieBase, or {@code null}
     * @param reason  why the artifact was not used (for a debug line), or {@code null} when it was
     */
    public record Lookup(KieBase kieBase, String reason) {
        public boolean hit() {
            return kieBase != null;
        }
    }

    /**
     * A KieBase from the folder's artifact, if there is one that was compiled from exactly these files
     * by this Drools version and loads on this class loader.
     */
    public static Lookup load(RuleSetFolder folder, ClassLoader classLoader) {
        if (folder.directory() == null) return miss("not read from a directory");
        Path artifact = location(folder.directory());
        if (!Files.isRegularFile(artifact)) return miss("no build-time artifact");
        try (InputStream file = new BufferedInputStream(Files.newInputStream(artifact))) {
            DataInputStream header = new DataInputStream(file);
            if (!MAGIC.equals(header.readUTF()) || header.readInt() != FORMAT) {
                return miss(artifact + " is not a format-" + FORMAT + " artifact");
            }
            String checksum = header.readUTF();
            if (!checksum.equals(folder.checksum())) {
                return miss("stale artifact: compiled from checksum " + abbrev(checksum) + ", the folder is now "
                        + abbrev(folder.checksum()));
            }
            String drools = header.readUTF();
            if (!drools.equals(Drools.getFullVersion())) {
                return miss("artifact written by Drools " + drools + ", this is " + Drools.getFullVersion());
            }
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                    KieServices.get().newKieBaseConfiguration(null, classLoader));
            Object packages;
            try (DroolsObjectInputStream in = new DroolsObjectInputStream(file, kieBase.getRootClassLoader())) {
                packages = in.readObject();
            }
            if (!(packages instanceof Collection<?> c) || !c.stream().allMatch(KiePackage.class::isInstance)) {
                return miss(artifact + " holds no knowledge packages");
            }
            @SuppressWarnings("unchecked")
            Collection<KiePackage> kiePackages = (Collection<KiePackage>) packages;
            kieBase.addPackages(kiePackages);
            return new Lookup(kieBase, null);
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            // A fact class that changed shape since the build, a truncated file: compile from the files instead.
            return miss("artifact " + artifact + " does not load: " + e);
        }
    }

    /**
     * Loads an artifact into a throwaway KieBase and opens a session on it, checking nothing about its folder: for
     * {@link DroolsWarmUp} only, whose KieBase is dropped (nothing loaded here ever decides). False if it does not load.
     */
    static boolean loadThrowaway(Path artifact, ClassLoader classLoader) {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(artifact))) {
            DataInputStream header = new DataInputStream(file);
            if (!MAGIC.equals(header.readUTF()) || header.readInt() != FORMAT) return false;
            header.readUTF(); // the checksum: irrelevant, as nothing is served from it
            if (!header.readUTF().equals(Drools.getFullVersion())) return false;
            InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                    KieServices.get().newKieBaseConfiguration(null, classLoader));
            try (DroolsObjectInputStream in = new DroolsObjectInputStream(file, kieBase.getRootClassLoader())) {
                if (!(in.readObject() instanceof Collection<?> c) || !c.stream().allMatch(KiePackage.class::isInstance)) return false;
                @SuppressWarnings("unchecked")
                Collection<KiePackage> packages = (Collection<KiePackage>) c;
                kieBase.addPackages(packages);
            }
            kieBase.newKieSession().dispose();
            return true;
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static Lookup miss(String reason) {
        return new Lookup(null, reason);
    }

    private static String abbrev(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) : checksum;
    }
}
