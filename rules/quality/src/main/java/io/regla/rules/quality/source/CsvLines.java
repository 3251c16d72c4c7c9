package io.regla.rules.quality.source;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;

import java.io.IOException;

/**
 * The CSV dialect of the quality domain's CSV sources, for a caller that reads the lines itself and hands the checker
 * their values (the loyalty migration reads its export once for its contracts and its profile): one line split exactly
 * as a CSV source splits it.
 */
public final class CsvLines {

    static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

    private CsvLines() {
    }

    /**
     * The values of one line as a CSV source reads it: an empty array for an empty line, the fields otherwise.
     *
     * @throws IOException what the CSV reader says of a line it cannot split (a quote left open, text after a closing quote)
     */
    public static String[] split(String line) throws IOException {
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).readValues(line)) {
            return it.hasNextValue() ? it.nextValue() : new String[0];
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
