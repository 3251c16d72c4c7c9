package io.regla.core.registry;

import io.regla.api.Version;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What start-up needs to know of a rules root's versions without reading them: per version folder its
 * parsed manifest, the checksum of its resolved files and its {@code extends} chain, written at build time by
 * {@link io.regla.core.compile.Precompiler} to {@code <root>/.compiled/index.bin}.
 *
 * <p>With it an engine lists its versions, resolves effective dates and answers the registry without hashing
 * any file or parsing YAML (Jackson and SnakeYAML are not even loaded). The DRL files stay the source of
 * truth: a version's files are read and hashed at its first load ({@link RuleSetFolder#readKnown}); if they
 * no longer match the recorded checksum the index entry is ignored, the manifest parsed again and the
 * build-time artifact, stamped with the old checksum, is not served. Version folders that are not in the index
 * (added after the build) are read the slow way; index entries whose folder is gone are ignored.
 *
 * <p>Binary (Java data streams), like the artifact's header: nobody edits it, it is rewritten by every build.
 */
public final class StartupIndex {

    public static final String FILE = "index.bin";

    private static final String MAGIC = "regla-startup-index";
    private static final int FORMAT = 3; // 2: manifests carry strict; 3: data files carry maxRows

    /**
     * One version folder as the build saw it.
     *
     * @param path     the version folder relative to the root, with '/' ({@code mailing/1.1.0})
     * @param checksum the checksum of its resolved files ({@link RuleSetFolder#checksum()})
     * @param manifest its manifest as resolved through {@code extends}
     * @param chain    the version folders whose files it inherits, nearest first ({@code [1.0.0]}), empty without extends
     */
    public record Entry(String path, String checksum, Manifest manifest, List<String> chain) {
    }

    private final Map<String, Entry> byPath;

    private StartupIndex(Map<String, Entry> byPath) {
        this.byPath = byPath;
    }

    /** Where a root's index lives. */
    public static Path location(Path root) {
        return root.resolve(".compiled").resolve(FILE);
    }

    /** The entry of a version folder below {@code root}, or null when the build did not index it. */
    public Entry find(Path root, Path versionDir) {
        return byPath.get(relative(root, versionDir));
    }

    public int size() {
        return byPath.size();
    }

    static String relative(Path root, Path versionDir) {
        StringBuilder out = new StringBuilder();
        for (Path part : root.relativize(versionDir)) {
            if (out.length() > 0) out.append('/');
            out.append(part.toString().replace("/", ""));
        }
        return out.toString();
    }

    /** Writes the index of the given folders (read below {@code root}, without errors) atomically. */
    public static void write(Path root, List<RuleSetFolder> folders) throws IOException {
        Path target = location(root);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(FILE + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp));
                 DataOutputStream out = new DataOutputStream(file)) {
                out.writeUTF(MAGIC);
                out.writeInt(FORMAT);
                out.writeInt(folders.size());
                for (RuleSetFolder f : folders) {
                    if (f.manifest() == null || !f.errors().isEmpty() || f.directory() == null) {
                        throw new IllegalArgumentException(f.location() + " has errors: it cannot be indexed");
                    }
                    out.writeUTF(relative(root, f.directory()));
                    out.writeUTF(f.checksum());
                    writeManifest(out, f.manifest());
                    List<String> chain = chain(f);
                    out.writeInt(chain.size());
                    for (String v : chain) out.writeUTF(v);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The index of {@code root}, or null when it has none or one this engine cannot read (another format, a
     * truncated file): then start-up reads every folder, as without an index.
     */
    public static StartupIndex read(Path root) {
        Path file = location(root);
        if (!Files.isRegularFile(file)) return null;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            DataInputStream data = new DataInputStream(in);
            if (!MAGIC.equals(data.readUTF()) || data.readInt() != FORMAT) return null;
            int n = data.readInt();
            Map<String, Entry> byPath = new HashMap<>();
            for (int i = 0; i < n; i++) {
                String path = data.readUTF();
                String checksum = data.readUTF();
                Manifest manifest = readManifest(data);
                List<String> chain = readStrings(data);
                byPath.put(path, new Entry(path, checksum, manifest, chain));
            }
            return new StartupIndex(byPath);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The inherited version folders, nearest first, as {@link RuleSetFolder#read} resolved them. */
    private static List<String> chain(RuleSetFolder f) {
        List<String> chain = new ArrayList<>();
        Path dir = f.directory();
        Manifest m = f.manifest();
        while (m != null && m.parent() != null) {
            String parent = m.parent().toString();
            chain.add(parent);
            dir = dir.resolveSibling(parent);
            m = RuleSetFolder.read(dir, f.location()).manifest();
        }
        return chain;
    }

    private static void writeManifest(DataOutputStream out, Manifest m) throws IOException {
        out.writeUTF(m.id());
        out.writeUTF(m.version().toString());
        out.writeLong(m.effectiveFrom().getEpochSecond());
        out.writeInt(m.effectiveFrom().getNano());
        out.writeUTF(m.timeZone().getId());
        out.writeUTF(m.description());
        writeStrings(out, m.changelog());
        writeStrings(out, m.facts());
        out.writeInt(m.data().size());
        for (Manifest.DataFile d : m.data()) {
            out.writeUTF(d.file());
            out.writeUTF(d.type());
            out.writeInt(d.maxRows() == null ? -1 : d.maxRows());
        }
        out.writeUTF(m.parent() == null ? "" : m.parent().toString());
        out.writeByte(m.strict() == null ? -1 : m.strict() ? 1 : 0);
    }

    private static Manifest readManifest(DataInputStream in) throws IOException {
        String id = in.readUTF();
        Version version = Version.parse(in.readUTF());
        Instant from = Instant.ofEpochSecond(in.readLong(), in.readInt());
        ZoneId zone = ZoneId.of(in.readUTF());
        String description = in.readUTF();
        List<String> changelog = readStrings(in);
        List<String> facts = readStrings(in);
        int n = in.readInt();
        List<Manifest.DataFile> data = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String file = in.readUTF();
            String type = in.readUTF();
            int maxRows = in.readInt();
            data.add(new Manifest.DataFile(file, type, maxRows < 0 ? null : maxRows));
        }
        String parent = in.readUTF();
        byte strict = in.readByte();
        return new Manifest(id, version, from, zone, description, changelog, facts, data,
                parent.isEmpty() ? null : Version.parse(parent), strict < 0 ? null : strict == 1);
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) out.writeUTF(v);
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.readUTF());
        return out;
    }
}
