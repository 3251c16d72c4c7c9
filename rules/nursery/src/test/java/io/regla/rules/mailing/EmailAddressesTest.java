package io.regla.rules.mailing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class EmailAddressesTest {

    @Test
    void validAddresses() {
        assertThat(EmailAddresses.isValid("ana@example.com")).isTrue();
        assertThat(EmailAddresses.isValid("ana.maría+jardin@sub.example.cl".replace("í", "i"))).isTrue();
        assertThat(EmailAddresses.isValid("O'Higgins@vitamina.cl")).isTrue();
    }

    @Test
    void invalidAddresses() {
        for (String bad : new String[]{null, "", " ", "ana", "ana@", "@example.com", "ana@example", "ana(at)example.com",
                "ana @example.com", "ana@example..com", "ana@-example.com", "ana..b@example.com", "ana@example.c"}) {
            assertThat(EmailAddresses.isValid(bad)).as(bad).isFalse();
        }
    }

    @Test
    void sameMailboxIgnoresCaseAndSpaces() {
        assertThat(EmailAddresses.same("Ana@Example.com ", "ana@example.com")).isTrue();
        assertThat(EmailAddresses.same("ana@example.com", "beto@example.com")).isFalse();
        assertThat(EmailAddresses.same(null, "ana@example.com")).isFalse();
    }

    @Test
    void maskHidesTheLocalPart() {
        assertThat(EmailAddresses.mask("ana@example.com")).isEqualTo("a***@example.com");
        assertThat(EmailAddresses.mask("ana")).isEqualTo("a***");
        assertThat(EmailAddresses.mask(null)).isEqualTo("(none)");
    }

    @Test
    void keys() {
        assertThat(MailKeys.welcome("E1")).isEqualTo("BIENVENIDA:E1");
        assertThat(MailKeys.reminder("E1", LocalDate.of(2026, 3, 9))).isEqualTo("RECORDATORIO_ADAPTACION:E1:2026-03-09");
        assertThat(MailKeys.weeklySurvey("Ana@Example.com", "2026-W10")).isEqualTo("ENCUESTA_ADAPTACION:ana@example.com:2026-W10");
        assertThat(MailKeys.surveyAfterAdaptation("E1")).isEqualTo("ENCUESTA_ADAPTACION:E1");
    }

    @Test
    void historyWeekIsTheRuleSetZonesWeek() {
        // Sunday 23:30 in Santiago is already Monday in UTC: the week is Santiago's.
        EmailSent sent = new EmailSent("E1", Templates.ENCUESTA_ADAPTACION, "ana@example.com", Instant.parse("2026-03-09T02:30:00Z"));
        assertThat(sent.isoWeekIn(ZoneId.of("America/Santiago"))).isEqualTo("2026-W10");
        assertThat(sent.isoWeekIn(ZoneId.of("UTC"))).isEqualTo("2026-W11");
        assertThat(sent.key()).isNull();
    }
}
