package io.regla.api;

/** No rule set with that id, no such version, or no version effective at the instant asked. */
public class RuleSetNotFoundException extends ReglaException {

    public RuleSetNotFoundException(String message) {
        super(message);
    }
}
