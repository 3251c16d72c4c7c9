package io.regla.adapters.mailchimp.webhook;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MandrillWebhookTest {

    private static final String KEY = "k3y-de-prueba";
    private static final String URL = "https://regla.example.org/webhooks/mandrill";
    private static final String ONE_OPEN = "[{\"event\":\"open\",\"ts\":1675850000,\"_id\":\"m1\",\"msg\":{\"_id\":\"m1\","
            + "\"email\":\"ana@example.com\",\"metadata\":{\"regla_key\":\"BIENVENIDA:e-1\"},\"tags\":[\"BIENVENIDA\"]}}]";
    /**
     * Computed outside Java, independently of the code under test:
     * {@code printf '%s' "${URL}mandrill_events${ONE_OPEN}" | openssl dgst -sha1 -hmac "$KEY" -binary | base64}.
     */
    private static final String ONE_OPEN_SIGNATURE = "NQ7SUiVPhaUgVPF8p+BietMSGHg=";
    /** {@code printf '%s' "${URL}a1b2mandrill_events[]" | openssl dgst -sha1 -hmac "$KEY" -binary | base64}: fields sorted by name. */
    private static final String SORTED_FIELDS_SIGNATURE = "coNVcEH0/rqiqVOgJtyRGv3oJrU=";

    private final MandrillWebhook webhook = new MandrillWebhook(KEY, URL);

    @Test
    void signatureMatchesAKnownVector() {
        assertThat(webhook.sign(Map.of("mandrill_events", ONE_OPEN))).isEqualTo(ONE_OPEN_SIGNATURE);
        assertThat(webhook.verify(Map.of("mandrill_events", ONE_OPEN), ONE_OPEN_SIGNATURE)).isTrue();
    }

    @Test
    void fieldsAreSignedSortedByNameWhateverTheirOrder() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("mandrill_events", "[]");
        fields.put("b", "2");
        fields.put("a", "1");

        assertThat(webhook.verify(fields, SORTED_FIELDS_SIGNATURE)).isTrue();
    }

    @Test
    void aTamperedPayloadWrongKeyWrongUrlOrMissingHeaderIsRefused() {
        Map<String, String> tampered = Map.of("mandrill_events", ONE_OPEN.replace("open", "click"));
        assertThat(webhook.verify(tampered, ONE_OPEN_SIGNATURE)).isFalse();
        assertThat(new MandrillWebhook("other-key", URL).verify(Map.of("mandrill_events", ONE_OPEN), ONE_OPEN_SIGNATURE)).isFalse();
        assertThat(new MandrillWebhook(KEY, URL + "/").verify(Map.of("mandrill_events", ONE_OPEN), ONE_OPEN_SIGNATURE)).isFalse();
        assertThat(webhook.verify(Map.of("mandrill_events", ONE_OPEN), null)).isFalse();
        assertThat(webhook.verify(Map.of("mandrill_events", ONE_OPEN), "")).isFalse();

        assertThatThrownBy(() -> webhook.receive(tampered, ONE_OPEN_SIGNATURE))
                .isInstanceOf(WebhookRejectedException.class)
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(WebhookRejectedException.Reason.BAD_SIGNATURE));
    }

    @Test
    void receivesAFormEncodedBodyIntoEvents() {
        String body = "mandrill_events=" + URLEncoder.encode(ONE_OPEN, StandardCharsets.UTF_8);

        List<MandrillEvent> events = webhook.receive(MandrillWebhook.parseForm(body), ONE_OPEN_SIGNATURE);

        assertThat(events).containsExactly(new MandrillEvent("open", Instant.ofEpochSecond(1675850000), "m1", "ana@example.com",
                null, List.of("BIENVENIDA"), "BIENVENIDA:e-1", null, null, Map.of("regla_key", "BIENVENIDA:e-1")));
        assertThat(events.get(0).toString()).doesNotContain("ana@example.com");
    }

    @Test
    void parsesEveryMessageEventKindAndSkipsSyncEvents() {
        String json = "["
                + "{\"event\":\"send\",\"ts\":1675850000,\"_id\":\"m1\",\"msg\":{\"_id\":\"m1\",\"email\":\"ana@example.com\",\"state\":\"sent\","
                + "\"subject\":\"Bienvenida\",\"template\":\"bienvenida\",\"tags\":[\"BIENVENIDA\",\"vitamina\"],"
                + "\"metadata\":{\"regla_key\":\"BIENVENIDA:e-1\",\"regla_subject\":\"e-1\",\"regla_template\":\"BIENVENIDA\"}}},"
                + "{\"event\":\"click\",\"ts\":1675850100,\"_id\":\"m1\",\"url\":\"https://vitamina.example/encuesta\","
                + "\"msg\":{\"_id\":\"m1\",\"email\":\"ana@example.com\",\"metadata\":{\"regla_key\":\"BIENVENIDA:e-1\"}}},"
                + "{\"event\":\"hard_bounce\",\"ts\":1675850200,\"_id\":\"m2\",\"msg\":{\"_id\":\"m2\",\"email\":\"bad@example.com\","
                + "\"state\":\"bounced\",\"template\":\"recordatorio\",\"metadata\":{}}},"
                + "{\"type\":\"blacklist\",\"action\":\"add\",\"reject\":{\"email\":\"bad@example.com\",\"reason\":\"hard-bounce\"},\"ts\":1675850300}"
                + "]";

        List<MandrillEvent> events = MandrillWebhook.parseEvents(json);

        assertThat(events).extracting(MandrillEvent::event).containsExactly("send", "click", "hard_bounce");
        MandrillEvent send = events.get(0);
        assertThat(send.template()).as("our metadata wins over Mandrill's template slug").isEqualTo("BIENVENIDA");
        assertThat(send.tags()).containsExactly("BIENVENIDA", "vitamina");
        assertThat(send.outboxKey()).isEqualTo("BIENVENIDA:e-1");
        assertThat(send.subjectId()).isEqualTo("e-1");
        assertThat(events.get(1).url()).isEqualTo("https://vitamina.example/encuesta");
        assertThat(events.get(2).template()).isEqualTo("recordatorio");
        assertThat(events.get(2).isBounce()).isTrue();
        assertThat(events.get(2).outboxKey()).isNull();
    }

    @Test
    void malformedEventsAreRefusedNamingTheEventAndField() {
        assertThatThrownBy(() -> MandrillWebhook.parseEvents("[{\"event\":\"open\",\"ts\":1,\"_id\":\"m1\"},{\"event\":\"open\",\"_id\":\"m2\"}]"))
                .isInstanceOf(WebhookRejectedException.class).hasMessageContaining("mandrill_events[1]").hasMessageContaining("'ts'");
        assertThatThrownBy(() -> MandrillWebhook.parseEvents("[{\"event\":\"open\",\"ts\":1}]"))
                .hasMessageContaining("mandrill_events[0]").hasMessageContaining("_id");
        assertThatThrownBy(() -> MandrillWebhook.parseEvents("{\"event\":\"open\"}")).hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> MandrillWebhook.parseEvents("[{\"event\":")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> webhook.receive(Map.of("other", "x"), webhook.sign(Map.of("other", "x"))))
                .satisfies(e -> assertThat(((WebhookRejectedException) e).reason()).isEqualTo(WebhookRejectedException.Reason.MALFORMED))
                .hasMessageContaining("mandrill_events");
        assertThatThrownBy(() -> MandrillWebhook.parseForm("a=1&a=2")).hasMessageContaining("'a' appears twice");
    }

    @Test
    void mandrillsEmptyTestCallIsAccepted() {
        Map<String, String> fields = Map.of("mandrill_events", "[]");
        assertThat(webhook.receive(fields, webhook.sign(fields))).isEmpty();
    }

    @Property(tries = 100)
    void signatureDependsOnFieldsNotOnTheirOrder(@ForAll @AlphaChars @StringLength(min = 1, max = 8) List<String> names,
                                                 @ForAll @StringLength(max = 20) String value) {
        Map<String, String> forward = new LinkedHashMap<>();
        names.forEach(n -> forward.put(n, value + n));
        List<String> reversed = new ArrayList<>(forward.keySet());
        Collections.reverse(reversed);
        Map<String, String> backward = new LinkedHashMap<>();
        reversed.forEach(n -> backward.put(n, forward.get(n)));

        String signature = webhook.sign(forward);
        assertThat(webhook.verify(backward, signature)).isTrue();
        if (!forward.isEmpty()) {
            String first = reversed.get(0);
            backward.put(first, forward.get(first) + "x");
            assertThat(webhook.verify(backward, signature)).isFalse();
        }
    }
}
