package io.regla.rules.loyalty;

import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.core.scenario.ScenarioParser;
import io.regla.core.scenario.ScenarioResult;
import io.regla.core.scenario.ScenarioRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member without id, tier or status is refused where it is built: without a tier it would match neither accrual nor
 * the not-active rejection, and its purchases would be lost without a word.
 */
class MemberValidationTest {

    private static final LocalDate ENROLLED = LocalDate.of(2019, 2, 1);
    private static final DroolsEngine ENGINE = Regla.builder().rulesDirectory(Path.of("")).buildDrools();

    @AfterAll
    static void close() {
        ENGINE.close();
    }

    @Test
    void refuses_a_missing_tier_or_status_naming_the_field_and_the_member() {
        assertThatThrownBy(() -> new Member("M7", null, MemberStatus.ACTIVE, ENROLLED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("M7").hasMessageContaining("tier is required");
        assertThatThrownBy(() -> new Member("M7", Tier.GOLD, null, ENROLLED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("M7").hasMessageContaining("status is required");
    }

    @Test
    void refuses_a_missing_or_blank_id() {
        assertThatThrownBy(() -> new Member(null, Tier.GOLD, MemberStatus.ACTIVE, ENROLLED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id is required");
        assertThatThrownBy(() -> new Member("  ", Tier.GOLD, MemberStatus.ACTIVE, ENROLLED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id is required");
    }

    @Test
    void enrolment_date_stays_optional() {
        assertThat(new Member("M7", Tier.GOLD, MemberStatus.ACTIVE, null).enrolledOn()).isNull();
    }

    @Test
    void a_scenario_member_without_tier_fails_naming_the_file_the_member_and_the_field(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("no-tier.yaml");
        Files.writeString(file, """
                scenario: a member without tier
                ruleSet: loyalty
                version: 1.0.1
                at: 2025-04-01T18:00:00-03:00
                given:
                  - Member: {id: C1, status: ACTIVE, enrolledOn: 2019-02-01}
                  - CardTransaction: {id: TC, memberId: C1, amount: 10000, currency: ARS, category: OTHER, channel: POS, merchantId: X, at: 2025-04-01T10:00:00-03:00}
                """);
        ScenarioResult result = new ScenarioRunner(ENGINE).run(ScenarioParser.parse(file).get(0));
        assertThat(result.passed()).as(result.report()).isFalse();
        assertThat(result.failures()).as(result.report()).anySatisfy(f -> assertThat(f)
                .contains(file.toString()).contains("given[1]").contains("Member C1: tier is required").doesNotContain("Cannot construct"));
    }

    @Test
    void a_scenario_member_with_a_blank_status_fails_naming_the_field(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("blank-status.yaml");
        Files.writeString(file, """
                scenario: a member with a blank status
                ruleSet: loyalty
                version: 1.0.1
                at: 2025-04-01T18:00:00-03:00
                given:
                  - Member: {id: C1, tier: GOLD, status: , enrolledOn: 2019-02-01}
                """);
        ScenarioResult result = new ScenarioRunner(ENGINE).run(ScenarioParser.parse(file).get(0));
        assertThat(result.failures()).as(result.report()).anySatisfy(f -> assertThat(f)
                .contains(file.toString()).contains("Member C1: status is required"));
    }
}
