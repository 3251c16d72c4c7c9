package io.regla.rules.quality.contract;

import io.regla.api.ReglaException;

/**
 * A contract that cannot be used, or input that cannot be read: one line naming the file, the line and the key.
 * The CLI exits with 2 on it.
 */
public class ContractException extends ReglaException {

    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }

    public static ContractException at(Object file, int line, String key, String problem) {
        return new ContractException(file + (line > 0 ? ":" + line : "") + (key == null ? "" : ": " + key) + ": " + problem);
    }
}
