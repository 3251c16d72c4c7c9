package io.regla.rules.service.importing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The second pass over an import file: each record's values by contract field, with the line it starts on (quoted
 * values may span lines, so the line is counted, not derived from the record number). The contract check has
 * already read the file once and failed on anything unreadable.
 */
final class ServiceCsv implements AutoCloseable {

    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private final Reader reader;
    private final MappingIterator<String[]> rows;
    private final int[] columns;
    private long record;
    private long nextLine = 2;
    private long line;

    ServiceCsv(Path file, List<String> fields) {
        try {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            this.rows = MAPPER.readerFor(String[].class).readValues(reader);
            String[] header = rows.hasNextValue() ? rows.nextValue() : new String[0];
            columns = new int[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                columns[i] = indexOf(header, column(fields.get(i)));
                if (columns[i] < 0) {
                    throw new IllegalArgumentException(file.getFileName() + ":1: column '" + column(fields.get(i))
                            + "' is missing; columns: " + Arrays.toString(header));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read", e);
        }
    }

    /** The CSV column of a contract field: {@code firstResponseSeconds} is {@code first_response_seconds}. */
    static String column(String field) {
        StringBuilder b = new StringBuilder(field.length() + 4);
        for (char ch : field.toCharArray()) {
            if (Character.isUpperCase(ch)) b.append('_').append(Character.toLowerCase(ch));
            else b.append(ch);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    private static int indexOf(String[] header, String column) {
        for (int i = 0; i < header.length; i++) {
            String h = header[i].trim();
            if (i == 0 && !h.isEmpty() && h.charAt(0) == '\uFEFF') h = h.substring(1);
            if (h.equals(column)) return i;
        }
        return -1;
    }

    /** The next record's values in field order (blank is null), or null after the last. */
    String[] next() {
        try {
            if (!rows.hasNextValue()) return null;
            String[] raw = rows.nextValue();
            record++;
            line = nextLine;
            long spanned = 1;
            String[] out = new String[columns.length];
            for (String v : raw) {
                if (v != null) spanned += v.chars().filter(c -> c == '\n').count();
            }
            nextLine += spanned;
            for (int i = 0; i < columns.length; i++) {
                String v = columns[i] < raw.length ? raw[columns[i]] : null;
                out[i] = v == null || v.isBlank() ? null : v.strip();
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-based number of the record {@link #next()} returned last (the quality findings' record). */
    long record() {
        return record;
    }

    /** The line that record starts on. */
    long line() {
        return line;
    }

    @Override
    public void close() {
        try {
            rows.close();
            reader.close();
        } catch (IOException ignored) {
            // a file we only read
        }
    }
}
