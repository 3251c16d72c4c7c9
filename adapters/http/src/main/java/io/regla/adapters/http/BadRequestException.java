package io.regla.adapters.http;

/** A request the API cannot read: answered 400 with the message and the field it concerns. */
public class BadRequestException extends IllegalArgumentException {

    private final String field;

    public BadRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
