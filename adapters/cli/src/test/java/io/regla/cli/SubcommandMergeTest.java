package io.regla.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import static org.assertj.core.api.Assertions.assertThat;

/** Two extensions contributing a group of one name end up as one group holding both's commands. */
class SubcommandMergeTest {

    @Command(name = "one")
    static final class One implements Runnable {
        public void run() {
        }
    }

    @Command(name = "two")
    static final class Two implements Runnable {
        public void run() {
        }
    }

    @Command(name = "three")
    static final class Three implements Runnable {
        public void run() {
        }
    }

    @Command(name = "grp", description = "the big group", subcommands = {One.class, Two.class})
    static final class Big {
    }

    @Command(name = "grp", description = "the small group", subcommands = Three.class)
    static final class Small {
    }

    @Test
    void theSmallGroupJoinsTheBigOneWhicheverComesFirst() {
        for (boolean bigFirst : new boolean[] {true, false}) {
            CommandLine cl = new CommandLine(new ReglaCli());
            ReglaCli.addOrMerge(cl, bigFirst ? new Big() : new Small());
            ReglaCli.addOrMerge(cl, bigFirst ? new Small() : new Big());
            CommandLine grp = cl.getSubcommands().get("grp");
            assertThat(grp.getSubcommands()).containsOnlyKeys("one", "two", "three");
            assertThat(grp.getCommandSpec().usageMessage().description()).containsExactly("the big group");
            assertThat(cl.getSubcommands().get("grp")).isSameAs(grp);
        }
    }
}
