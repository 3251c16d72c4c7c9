package io.regla.core.scenario;

import io.regla.api.ReglaException;

/** A scenario file that does not follow the scenario format; the message names the file, line and key. */
public class ScenarioFormatException extends ReglaException {

    public ScenarioFormatException(String message) {
        super(message);
    }
}
