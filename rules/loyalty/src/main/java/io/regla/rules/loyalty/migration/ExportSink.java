package io.regla.rules.loyalty.migration;

import java.io.Closeable;
import java.io.IOException;

/** Where the rows go: members.csv as drawn, the other files in the export's order. */
interface ExportSink extends Closeable {
    void member(String line) throws IOException;

    void event(LegacyFile file, String id, String line) throws IOException;

    /** Every row was given: complete the files (before {@link #close()}). */
    void finish() throws IOException;
}
