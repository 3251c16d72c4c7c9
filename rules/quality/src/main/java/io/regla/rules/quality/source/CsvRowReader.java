package io.regla.rules.quality.source;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.regla.rules.quality.contract.ContractException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV file with a header row, streamed row by row (a ten-million-row file never sits in memory). Columns are
 * matched to contract fields by header name; columns the contract does not name are ignored, a contract field with
 * no column is an error.
 */
final class CsvRowReader implements RowReader {

    private static final CsvMapper MAPPER = CsvLines.MAPPER;

    private final String name;
    private final Reader reader;
    private final MappingIterator<String[]> rows;
    private final int[] columns;
    private long row;

    CsvRowReader(Path file, List<String> fields) {
        this.name = file.getFileName().toString();
        try {
            this.reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ContractException(file + ": cannot read: " + e.getMessage(), e);
        }
        try {
            this.rows = MAPPER.readerFor(String[].class).readValues(reader);
            if (!rows.hasNextValue()) throw new ContractException(name + ":1: empty file: expected a header row");
            String[] header = rows.nextValue();
            this.columns = new int[fields.size()];
            for (int i = 0; i < fields.size(); i++) {
                columns[i] = indexOf(header, fields.get(i));
                if (columns[i] < 0) {
                    throw new ContractException(name + ":1: column '" + fields.get(i) + "' of the contract is missing; columns: "
                            + Arrays.toString(header));
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            if (e instanceof ContractException ce) throw ce;
            throw new ContractException(name + ":1: cannot read the header: " + e.getMessage(), e);
        }
    }

    private static int indexOf(String[] header, String field) {
        for (int i = 0; i < header.length; i++) {
            String h = header[i].trim();
            if (i == 0 && !h.isEmpty() && h.charAt(0) == '\uFEFF') h = h.substring(1); // a byte order mark
            if (h.equals(field)) return i;
        }
        return -1;
    }

    @Override
    public String[] next() {
        try {
            if (!rows.hasNextValue()) return null;
            String[] raw = rows.nextValue();
            row++;
            String[] out = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                out[i] = c < raw.length ? raw[c] : null;
            }
            return out;
        } catch (IOException | RuntimeException e) {
            long line = rows.getCurrentLocation() == null ? row + 2 : rows.getCurrentLocation().getLineNr();
            throw new ContractException(name + ":" + line + ": malformed CSV row (record " + (row + 1) + "): "
                    + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            if (rows != null) rows.close();
            reader.close();
        } catch (IOException ignored) {
            // closing a file we only read
        }
    }
}
