package io.regla.api;

import java.util.List;
import java.util.stream.Collectors;

/** A rule set version failed to compile; {@link #errors()} gives each error's file, line and column. */
public class CompilationException extends ReglaException {

    private final String ruleSet;
    private final Version version;
    private final List<CompileError> errors;

    public CompilationException(String ruleSet, Version version, List<CompileError> errors) {
        super(ruleSet + " " + version + " does not compile:\n"
                + errors.stream().map(CompileError::toString).collect(Collectors.joining("\n")));
        this.ruleSet = ruleSet;
        this.version = version;
        this.errors = List.copyOf(errors);
    }

    public String ruleSet() {
        return ruleSet;
    }

    public Version version() {
        return version;
    }

    public List<CompileError> errors() {
        return errors;
    }
}
