package io.regla.examples.service;

import io.regla.rules.service.demo.ContactCentreGenerator;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * The synthetic contact centre of the service example (seed 003): 20 agents, 4 channels, {@code conversations}
 * conversations over the 2.5 years ending {@code today}, sales on those that generated one. The generator itself
 * lives in rules/service ({@link ContactCentreGenerator}) so the benchmarks can load a million conversations without
 * depending on the examples.
 */
public final class ContactCentre {

    /** The demo's size (issue 12: about 20,000 conversations). */
    public static final int DEMO_CONVERSATIONS = 20_000;

    private ContactCentre() {
    }

    /** Writes conversations.csv and sales.csv into {@code folder}; the same seed writes the same files. */
    public static ContactCentreGenerator.Result write(Path folder, long seed, int conversations, LocalDate today) throws IOException {
        return ContactCentreGenerator.write(folder, seed, conversations, today);
    }
}
