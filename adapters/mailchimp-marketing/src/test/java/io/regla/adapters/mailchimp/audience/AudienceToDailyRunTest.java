package io.regla.adapters.mailchimp.audience;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingConfig;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.admissions.NurseryService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** Mailchimp's truth reaches the rules: after an audience sync the daily run mails nothing to a cleaned address. */
class AudienceToDailyRunTest {

    @RegisterExtension
    static WireMockExtension mailchimp = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @Test
    void aCleanedAddressGetsNoWelcomeFromTheDailyRun(@TempDir Path dir) {
        Clock clock = Clock.fixed(LocalDate.of(2023, 3, 1).atTime(LocalTime.of(8, 0)).atZone(ZoneId.of("America/Santiago")).toInstant(),
                ZoneId.of("UTC"));
        mailchimp.stubFor(get(urlPathEqualTo("/3.0/lists/a1b2c3d4e5/members")).willReturn(okJson(
                "{\"members\":[{\"email_address\":\"Rosa@Example.com\",\"status\":\"cleaned\",\"last_changed\":\"2023-02-20T10:00:00+00:00\"},"
                        + "{\"email_address\":\"pedro@example.com\",\"status\":\"subscribed\",\"last_changed\":\"2023-02-19T10:00:00+00:00\"}],"
                        + "\"total_items\":2}")));
        MailchimpMarketingClient client = new MailchimpMarketingClient(MailchimpMarketingConfig.builder("0123456789abcdef0123456789abcdef-us14")
                .baseUri(URI.create(mailchimp.baseUrl() + "/3.0")).build());
        try (RulesEngine engine = Regla.builder().bundledRules().clock(clock).build();
             JdbcStore store = JdbcStore.h2(dir.resolve("store"), clock)) {
            NurseryService service = new NurseryService(engine, store, clock);
            service.records().putCampus(new Campus("C1", "Vitamina Ñuñoa", 1));
            service.records().putEnrollment(new Enrollment("E1", "Ana", "C1", "Rosa", "rosa@example.com", LocalDate.of(2023, 3, 1),
                    LocalDate.of(2023, 3, 6), EnrollmentStatus.ENROLLED));
            service.records().putEnrollment(new Enrollment("E2", "Luis", "C1", "Pedro", "pedro@example.com", LocalDate.of(2023, 3, 1),
                    LocalDate.of(2023, 3, 6), EnrollmentStatus.ENROLLED));

            new AudienceSync(store, client, "a1b2c3d4e5").run();

            assertThat(service.dailyRun().enqueued()).isEqualTo(1);
            assertThat(store.outbox().find("BIENVENIDA:E2")).isPresent();
            assertThat(store.outbox().find("BIENVENIDA:E1")).as("Mailchimp cleaned Rosa's address").isEmpty();
        }
    }
}
