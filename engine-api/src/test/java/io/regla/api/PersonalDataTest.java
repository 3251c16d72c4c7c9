package io.regla.api;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataTest {

    @Test
    void masksTheLocalPartAndKeepsTheDomain() {
        assertThat(PersonalData.maskEmail("ana.garcia@example.com")).isEqualTo("a***@example.com");
        assertThat(PersonalData.maskEmail("no-address")).isEqualTo("n***");
        assertThat(PersonalData.maskEmail("")).isEmpty();
        assertThat(PersonalData.maskEmail(null)).isNull();
    }

    @Test
    void masksEveryAddressInAText() {
        assertThat(PersonalData.maskEmailsIn("ana@example.com looks fake; so does luis.p@vitamina.es."))
                .isEqualTo("a***@example.com looks fake; so does l***@vitamina.es.");
        assertThat(PersonalData.maskEmailsIn(null)).isNull();
    }

    @Property(tries = 200)
    void noLocalPartLongerThanOneCharacterSurvives(@ForAll @AlphaChars @StringLength(min = 2, max = 30) String local) {
        String masked = PersonalData.maskEmailsIn("to " + local + "@example.org, please");
        assertThat(masked).doesNotContain(local + "@").contains(local.charAt(0) + "***@example.org");
    }
}
