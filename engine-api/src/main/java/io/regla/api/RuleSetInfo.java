package io.regla.api;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * A rule set version as the registry knows it.
 *
 * @param id            rule set id (the folder name, for example {@code mailing})
 * @param version       semantic version
 * @param effectiveFrom from when a decision picked by date uses this version
 * @param timeZone      the zone the rules' calendar questions are asked in
 * @param description   one line for humans
 * @param changelog     what changed in this version
 * @param checksum      SHA-256 over the version's files (names and contents), hex
 * @param location      where it was loaded from (a directory or a classpath location)
 * @param state         whether it has been compiled, and how that went
 * @param errors        the compile errors when {@code state == FAILED}
 */
public record RuleSetInfo(String id, Version version, Instant effectiveFrom, ZoneId timeZone, String description,
                          List<String> changelog, String checksum, String location, State state,
                          List<CompileError> errors) {

    public enum State {
        /** Known from its manifest; compiled on first use. */
        NOT_COMPILED,
        /** Compiled and serving. */
        COMPILED,
        /** Failed to compile; a previous good build of the same version, if any, keeps serving. */
        FAILED
    }

    public RuleSetInfo {
        changelog = List.copyOf(changelog);
        errors = List.copyOf(errors);
    }

    /** {@code mailing 1.1.0}. */
    public String label() {
        return id + " " + version;
    }
}
