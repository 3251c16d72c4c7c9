package io.regla.rules.scheduling;

/** Record whether the guardians came to the scheduled interview. */
public record RecordInterview(String enrollmentId, boolean attended, String by) implements Command {
    public RecordInterview {
        Command.require(RecordInterview.class, enrollmentId, by);
    }
}
