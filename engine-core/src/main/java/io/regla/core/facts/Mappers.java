package io.regla.core.facts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The engine's Jackson mappers, each built on its first use. Building all three (and loading SnakeYAML and
 * Jackson's CSV module) cost a cold start ~0.3 s on a quiet machine although a decision on precompiled rule
 * sets without reference data needs none of them, and YAML only when a manifest has to be parsed. Each sits
 * in its own holder class, so touching one does not build the others. {@link Json}'s fields are these same
 * instances.
 */
public final class Mappers {

    private Mappers() {
    }

    public static ObjectMapper json() {
        return JsonHolder.MAPPER;
    }

    public static ObjectMapper yaml() {
        return YamlHolder.MAPPER;
    }

    public static CsvMapper csv() {
        return CsvHolder.MAPPER;
    }

    private static final class JsonHolder {
        static final ObjectMapper MAPPER = configure(JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());
    }

    private static final class YamlHolder {
        static final ObjectMapper MAPPER = configure(YAMLMapper.builder(new YAMLFactory())
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());
    }

    private static final class CsvHolder {
        static final CsvMapper MAPPER = (CsvMapper) configure(CsvMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build());
    }

    /** ISO-8601 dates and instants, unknown fields are errors, records map by component name. */
    private static ObjectMapper configure(ObjectMapper m) {
        return m.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }
}
