package io.regla.core.facts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;

/**
 * The engine's Jackson mappers, configured alike: ISO-8601 dates and instants, unknown fields are
 * errors (a misspelt field must not silently become null), records map by component name.
 * Touching this class builds all three; the engine's own start-up path uses {@link Mappers}, which builds
 * each on its first use.
 */
public final class Json {

    public static final ObjectMapper JSON = Mappers.json();
    public static final ObjectMapper YAML = Mappers.yaml();
    public static final CsvMapper CSV = Mappers.csv();

    private Json() {
    }
}
