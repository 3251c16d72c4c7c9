package io.regla.rules.mailing;

import io.regla.core.Regla;
import io.regla.core.scenario.ScenarioTests;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The END setting of mailing 1.2.0 (the analyst's choice in {@code survey-settings.csv}): the module's mailing
 * versions copied, the variant's files laid over them, its scenarios run against that copy.
 */
class SurveyEndVariantTest {

    private static final Path VARIANT = Path.of("src/test/.variants/survey-end");

    @TempDir
    static Path rules;

    @TestFactory
    Stream<DynamicNode> scenarios() throws IOException {
        MailingVariants.lay(VARIANT, rules);
        assertThat(Files.readString(rules.resolve("mailing/1.2.0/survey-settings.csv"))).contains("END");
        // Full coverage is the module's business (its own scenarios); here only the variant's outcomes count.
        return ScenarioTests.of(Regla.builder().rulesDirectory(rules).buildDrools(), VARIANT.resolve("scenarios")).tests();
    }
}
