package io.regla.api;

/**
 * A record (from JSON, YAML, CSV or a scenario) could not be mapped onto a fact type. The message
 * names the source, the 1-based record number and the field.
 */
public class FactMappingException extends ReglaException {

    private final String source;
    private final int record;
    private final String field;

    public FactMappingException(String source, int record, String field, String problem) {
        super(source + ": record " + record + (field == null ? "" : ", field '" + field + "'") + ": " + problem);
        this.source = source;
        this.record = record;
        this.field = field;
    }

    public String source() {
        return source;
    }

    /** 1-based position of the record in its source. */
    public int record() {
        return record;
    }

    /** The field path (such as {@code enrolledOn} or {@code Enrollment}), or {@code null} for the whole record. */
    public String field() {
        return field;
    }
}
