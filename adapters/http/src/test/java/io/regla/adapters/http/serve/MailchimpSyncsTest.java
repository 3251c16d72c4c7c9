package io.regla.adapters.http.serve;

import io.regla.cli.CliException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailchimpSyncsTest {

    static final String KEY = "0123456789abcdef0123456789abcdef-us14";

    @Test
    void offWithoutEitherOption() {
        assertThat(MailchimpSyncs.settings(null, null, Map.of())).isEqualTo(MailchimpSyncs.Settings.OFF);
    }

    @Test
    void theAudienceSyncNeedsTheKeyAndTheListId() {
        assertThatThrownBy(() -> MailchimpSyncs.settings(Duration.ofHours(6), null, Map.of()))
                .isInstanceOf(CliException.class).hasMessageContaining("MAILCHIMP_API_KEY");
        assertThatThrownBy(() -> MailchimpSyncs.settings(Duration.ofHours(6), null, Map.of("MAILCHIMP_API_KEY", KEY)))
                .isInstanceOf(CliException.class).hasMessageContaining("MAILCHIMP_LIST_ID");
        assertThatThrownBy(() -> MailchimpSyncs.settings(Duration.ofHours(6), null, Map.of("MAILCHIMP_API_KEY", KEY,
                "MAILCHIMP_LIST_ID", "../lists")))
                .isInstanceOf(CliException.class).hasMessageContaining("MAILCHIMP_LIST_ID");
        assertThat(MailchimpSyncs.settings(null, Duration.ofHours(6), Map.of("MAILCHIMP_API_KEY", KEY)).reportsEvery())
                .as("the reports need no list").isEqualTo(Duration.ofHours(6));
    }
}
