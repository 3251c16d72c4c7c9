package io.regla.rules.loyalty.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the export's files, checking each is there and starts with its header. */
final class ExportFiles {

    private ExportFiles() {
    }

    static BufferedReader open(Path dir, LegacyFile file) {
        Path p = dir.resolve(file.fileName());
        if (!Files.isRegularFile(p)) throw new UnreadableExportException(p + ": missing (the export needs " + file.fileName() + ")", null);
        try {
            BufferedReader r = Files.newBufferedReader(p, StandardCharsets.UTF_8);
            String header = r.readLine();
            if (header != null && header.startsWith("\uFEFF")) header = header.substring(1);
            if (header == null || !header.trim().equals(file.headerLine())) {
                r.close();
                throw new UnreadableExportException(p + ": line 1 is not the header " + file.headerLine(), null);
            }
            return r;
        } catch (IOException e) {
            throw new UnreadableExportException(p + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
