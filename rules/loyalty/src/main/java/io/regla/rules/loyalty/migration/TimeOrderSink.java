package io.regla.rules.loyalty.migration;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import static io.regla.rules.loyalty.migration.ExportGenerator.closeAll;
import static io.regla.rules.loyalty.migration.ExportGenerator.writer;

/**
 * Time order: members.csv straight; the other rows, keyed by their id's instant and sequence, gathered in memory up
 * to {@code runRows}, sorted (stably: a repeated id stays after its original) and written to a run file; at the end
 * a k-way merge of the runs and what is left in memory writes the three files. A tie between runs goes to the
 * earlier run, so the merge keeps the order the rows were drawn in.
 */
final class TimeOrderSink implements ExportSink {
    private static final Comparator<Row> ORDER = (x, y) -> {
        int c = Integer.compare(x.file(), y.file());
        if (c == 0) c = Long.compare(x.millis(), y.millis());
        return c != 0 ? c : Long.compare(x.sequence(), y.sequence());
    };
    private static final byte[] NEW_LINE = System.lineSeparator().getBytes(StandardCharsets.UTF_8);
    private final Path dir;
    private final int runRows;
    private final BufferedWriter members;
    private final List<Row> rows = new ArrayList<>();
    private final List<Path> runs = new ArrayList<>();
    private Path runDir;

    private record Row(int file, long millis, long sequence, byte[] line) {
    }

    TimeOrderSink(Path dir, int runRows) throws IOException {
        this.dir = dir;
        this.runRows = runRows;
        this.members = writer(dir, LegacyFile.MEMBERS);
    }

    @Override
    public void member(String line) throws IOException {
        members.write(line);
        members.newLine();
    }

    @Override
    public void event(LegacyFile file, String id, String line) throws IOException {
        rows.add(new Row(file.ordinal(), ExportGenerator.TimeIds.millis(id), ExportGenerator.TimeIds.sequence(id), line.getBytes(StandardCharsets.UTF_8)));
        if (rows.size() >= runRows) spill();
    }

    private void spill() throws IOException {
        rows.sort(ORDER);
        if (runDir == null) runDir = Files.createTempDirectory(dir, ".generate-runs-");
        Path run = runDir.resolve("run-" + runs.size());
        runs.add(run);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(run), 1 << 16))) {
            for (Row r : rows) {
                out.writeByte(r.file());
                out.writeLong(r.millis());
                out.writeLong(r.sequence());
                out.writeInt(r.line().length);
                out.write(r.line());
            }
        }
        rows.clear();
    }

    @Override
    public void finish() throws IOException {
        rows.sort(ORDER);
        List<Source> sources = new ArrayList<>(runs.size() + 1);
        OutputStream[] outs = new OutputStream[LegacyFile.values().length];
        try {
            for (LegacyFile f : LegacyFile.values()) {
                if (f == LegacyFile.MEMBERS) continue;
                outs[f.ordinal()] = new BufferedOutputStream(Files.newOutputStream(dir.resolve(f.fileName())), 1 << 20);
                outs[f.ordinal()].write(f.headerLine().getBytes(StandardCharsets.UTF_8));
                outs[f.ordinal()].write(NEW_LINE);
            }
            for (Path run : runs) sources.add(new RunSource(sources.size(), run));
            sources.add(new MemorySource(sources.size(), rows));
            PriorityQueue<Source> queue = new PriorityQueue<>(sources.size() + 1, (x, y) -> {
                int c = ORDER.compare(x.row(), y.row());
                return c != 0 ? c : Integer.compare(x.index(), y.index());
            });
            for (Source s : sources) if (s.advance()) queue.add(s);
            while (!queue.isEmpty()) {
                Source s = queue.poll();
                Row r = s.row();
                outs[r.file()].write(r.line());
                outs[r.file()].write(NEW_LINE);
                if (s.advance()) queue.add(s);
            }
        } finally {
            List<Closeable> all = new ArrayList<>(sources);
            for (OutputStream o : outs) if (o != null) all.add(o);
            closeAll(all);
            rows.clear();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            members.close();
        } finally {
            for (Path run : runs) Files.deleteIfExists(run);
            if (runDir != null) Files.deleteIfExists(runDir);
        }
    }

    /** One sorted sequence of rows: a run on disk or the rows left in memory. */
    private abstract static class Source implements Closeable {
        private final int index;
        Row row;

        Source(int index) {
            this.index = index;
        }

        int index() {
            return index;
        }

        Row row() {
            return row;
        }

        /** Moves to the next row; false at the end. */
        abstract boolean advance() throws IOException;

        @Override
        public void close() throws IOException {
        }
    }

    private static final class MemorySource extends Source {
        private final java.util.Iterator<Row> rows;

        MemorySource(int index, List<Row> rows) {
            super(index);
            this.rows = rows.iterator();
        }

        @Override
        boolean advance() {
            row = rows.hasNext() ? rows.next() : null;
            return row != null;
        }
    }

    private static final class RunSource extends Source {
        private final DataInputStream in;

        RunSource(int index, Path run) throws IOException {
            super(index);
            this.in = new DataInputStream(new BufferedInputStream(Files.newInputStream(run), 1 << 16));
        }

        @Override
        boolean advance() throws IOException {
            int file;
            try {
                file = in.readByte();
            } catch (EOFException end) {
                row = null;
                return false;
            }
            long millis = in.readLong(), sequence = in.readLong();
            byte[] line = new byte[in.readInt()];
            in.readFully(line);
            row = new Row(file, millis, sequence, line);
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
