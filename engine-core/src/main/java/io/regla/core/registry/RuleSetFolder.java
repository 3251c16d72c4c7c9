package io.regla.core.registry;

import io.regla.api.CompileError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * One version folder ({@code <rule-set>/<version>/}) read into memory: its manifest, its files and
 * their checksum. Reading everything at once means a folder edited during a compile cannot produce
 * a build that mixes old and new files.
 *
 * @param location  where it came from, for messages
 * @param files     file name (relative, with '/') to contents, sorted by name
 * @param checksum  SHA-256 over names and contents
 * @param manifest  the parsed manifest, or {@code null} if it has errors
 * @param errors    manifest errors
 * @param directory where the folder was read from, or {@code null} when it was not read from one; a
 *                  build-time compiled artifact is looked for there ({@code .compiled/}, outside the checksum)
 */
public record RuleSetFolder(String ruleSet, String versionFolder, String location, Map<String, byte[]> files,
                            String checksum, Manifest manifest, List<CompileError> errors, Path directory) {

    /** A folder that was not read from a directory (no build-time artifact can apply to it). */
    public RuleSetFolder(String ruleSet, String versionFolder, String location, Map<String, byte[]> files,
                         String checksum, Manifest manifest, List<CompileError> errors) {
        this(ruleSet, versionFolder, location, files, checksum, manifest, errors, null);
    }

    /**
     * Reads a version folder. Sub-folders are read too (an analyst may group DRL files). A version whose manifest says
     * {@code extends: <version>} starts from that sibling version's files (resolved the same way, so chains work)
     * and overrides them by name with its own; it inherits the parent's {@code facts} and {@code data} lists unless it
     * declares its own. {@code files} and the checksum cover the resolved files, so a change in a parent is a change
     * of every version that extends it.
     */
    public static RuleSetFolder read(Path versionDir, String location) {
        return read(versionDir, location, new LinkedHashSet<>());
    }

    private static RuleSetFolder read(Path versionDir, String location, Set<String> chain) {
        String ruleSet = versionDir.getParent().getFileName().toString();
        String version = versionDir.getFileName().toString().replace("/", "");
        chain.add(version);
        Map<String, byte[]> files = ownFiles(versionDir, location);
        List<CompileError> errors = new ArrayList<>();
        Manifest manifest = null;
        byte[] yaml = files.get(Manifest.FILE_NAME);
        if (yaml == null) {
            errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "missing: every version folder needs a ruleset.yaml"));
        } else {
            manifest = Manifest.parse(new String(yaml, StandardCharsets.UTF_8), ruleSet, version, errors);
        }
        if (manifest != null && manifest.parent() != null) {
            String parentVersion = manifest.parent().toString();
            Path parentDir = versionDir.resolveSibling(parentVersion);
            if (chain.contains(parentVersion)) {
                errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "extends: " + parentVersion + " extends this version again ("
                        + String.join(" -> ", chain) + " -> " + parentVersion + ")"));
            } else if (!Files.isRegularFile(parentDir.resolve(Manifest.FILE_NAME))) {
                errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "extends: no version folder " + parentVersion + " beside this one"));
            } else {
                RuleSetFolder parent = read(parentDir, location + " (extends " + parentVersion + ")", chain);
                for (CompileError e : parent.errors()) {
                    errors.add(new CompileError(Manifest.FILE_NAME, 0, 0, "extends " + parentVersion + ": " + e));
                }
                Map<String, byte[]> resolved = new TreeMap<>(parent.files());
                resolved.remove(Manifest.FILE_NAME);
                resolved.putAll(files);
                files = resolved;
                if (parent.manifest() != null) manifest = manifest.inheriting(parent.manifest());
            }
        }
        return new RuleSetFolder(ruleSet, version, location, Map.copyOf(files), checksum(files), manifest, List.copyOf(errors),
                versionDir);
    }

    /**
     * Reads a version folder whose manifest and checksum a build-time {@link StartupIndex} recorded: its files
     * (and those of the versions it extends, {@code chain}) are read and hashed, but its manifest is parsed only
     * if the checksum differs from the recorded one, i.e. the files changed since the build; then this is
     * {@link #read} exactly. Unchanged files give the same manifest, so nothing is lost by not parsing it.
     */
    public static RuleSetFolder readKnown(Path versionDir, String location, StartupIndex.Entry known) {
        String ruleSet = versionDir.getParent().getFileName().toString();
        String version = versionDir.getFileName().toString().replace("/", "");
        Map<String, byte[]> files;
        try {
            files = new TreeMap<>();
            List<String> chain = known.chain();
            for (int i = chain.size() - 1; i >= 0; i--) { // the farthest ancestor first, overridden by the nearer
                files.putAll(ownFiles(versionDir.resolveSibling(chain.get(i)), location));
                files.remove(Manifest.FILE_NAME);
            }
            files.putAll(ownFiles(versionDir, location));
        } catch (UncheckedIOException e) {
            return read(versionDir, location); // a parent folder gone: let the full read say what is wrong
        }
        String checksum = checksum(files);
        if (!checksum.equals(known.checksum())) return read(versionDir, location);
        return new RuleSetFolder(ruleSet, version, location, Map.copyOf(files), checksum, known.manifest(), List.of(), versionDir);
    }

    /**
     * The folder of a version that start-up took from its index ({@code described}: manifest and checksum, no
     * files), read at its first load. Files changed since the build are read as any folder (manifest parsed, so the
     * artifact, stamped with the old checksum, is not served); a manifest broken since then keeps the index's
     * description for the registry, with the errors that fail the load; a folder that cannot be read any more
     * (deleted since start) gives a folder whose errors say so.
     */
    public static RuleSetFolder readAtFirstLoad(RuleSetFolder described, StartupIndex.Entry known) {
        RuleSetFolder read;
        try {
            read = readKnown(described.directory(), described.location(), known);
        } catch (RuntimeException e) {
            read = new RuleSetFolder(described.ruleSet(), described.versionFolder(), described.location(), Map.of(), "unreadable",
                    null, List.of(new CompileError(Manifest.FILE_NAME, 0, 0, "cannot read the version folder: " + e.getMessage())),
                    described.directory());
        }
        if (read.manifest() != null) return read;
        return new RuleSetFolder(read.ruleSet(), read.versionFolder(), read.location(), read.files(), read.checksum(),
                described.manifest(), read.errors(), read.directory());
    }

    /** The files of one folder (not of the versions it extends), by relative name; dot files and backups skipped. */
    private static Map<String, byte[]> ownFiles(Path versionDir, String location) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(versionDir)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = versionDir.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith(".") || rel.contains("/.") || rel.endsWith("~")) continue; // editor droppings
                files.put(rel, Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule set folder " + location, e);
        }
        return files;
    }

    static String checksum(Map<String, byte[]> sortedFiles) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> e : sortedFiles.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Files sorted by name, as a sorted view (the record keeps an unmodifiable copy). */
    public TreeMap<String, byte[]> sortedFiles() {
        return new TreeMap<>(files);
    }
}
