package io.regla.rules.loyalty.migration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;

import static io.regla.rules.loyalty.migration.ExportGenerator.closeAll;
import static io.regla.rules.loyalty.migration.ExportGenerator.writer;

/** Member order: each row straight to its file. */
final class MemberOrderSink implements ExportSink {
    private final BufferedWriter[] writers = new BufferedWriter[LegacyFile.values().length];

    MemberOrderSink(Path dir) throws IOException {
        try {
            for (LegacyFile f : LegacyFile.values()) writers[f.ordinal()] = writer(dir, f);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public void member(String line) throws IOException {
        writers[LegacyFile.MEMBERS.ordinal()].write(line);
        writers[LegacyFile.MEMBERS.ordinal()].newLine();
    }

    @Override
    public void event(LegacyFile file, String id, String line) throws IOException {
        writers[file.ordinal()].write(line);
        writers[file.ordinal()].newLine();
    }

    @Override
    public void finish() {
    }

    @Override
    public void close() throws IOException {
        closeAll(java.util.Arrays.asList(writers));
    }
}
