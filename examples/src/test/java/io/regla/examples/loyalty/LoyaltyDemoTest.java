package io.regla.examples.loyalty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LoyaltyDemoTest {

    @TempDir
    Path dir;

    @Test
    void aSmallYearGoesThroughBothVersionsAndEveryBalanceIsTheSumOfItsEntries() throws Exception {
        StringWriter text = new StringWriter();
        new LoyaltyDemo().run(new PrintWriter(text, true), dir.resolve("ledger"), 400, 0.8);
        String out = text.toString();
        // 1.0.1 and 1.1.1 (1.0.0 and 1.1.0 re-implemented, same decisions) serve by default
        assertThat(out).containsPattern("loyalty 1\\.0\\.1 +[0-9,]+ transactions +[1-9][0-9,]* points accrued")
                .containsPattern("loyalty 1\\.1\\.1 +[0-9,]+ transactions +[1-9][0-9,]* points accrued")
                .containsPattern("redeemed [1-9][0-9,]*")
                .containsPattern("expired [1-9][0-9,]*")
                .contains("ledger check: 400 balances equal the sum of their entries")
                .contains("TRAVEL");
    }
}
