package io.regla.kafka;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class LoyaltyStreamCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = ReglaCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Run(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void streamIsASubcommandOfTheLoyaltyGroup() {
        Run r = run("loyalty", "stream", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--bootstrap-servers=HOST:PORT", "--application-id", "--rules=DIR", "--grace", "--retention");
    }

    @Test
    void theBrokersAreRequired() {
        Run r = run("loyalty", "stream");
        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err()).contains("Missing required option: '--bootstrap-servers=HOST:PORT'");
    }

    @Test
    void aRetentionThatIsNotADurationIsNamed() {
        Run r = run("loyalty", "stream", "--bootstrap-servers", "localhost:1", "--retention", "two years");
        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err()).contains("--retention");
    }

    @Test
    void aRulesFolderThatIsNotThereIsNamed() {
        Run r = run("loyalty", "stream", "--bootstrap-servers", "localhost:1", "--rules", "/no/such/rules");
        assertThat(r.exit()).isEqualTo(ReglaCli.USAGE);
        assertThat(r.err()).contains("--rules /no/such/rules is not a directory");
    }
}
