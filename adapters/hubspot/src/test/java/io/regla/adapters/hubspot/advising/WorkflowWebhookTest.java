package io.regla.adapters.hubspot.advising;

import io.regla.adapters.hubspot.webhook.SignatureV3;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkflowWebhookTest {

    private static final Instant NOW = Instant.parse("2026-08-03T14:00:00Z");
    private static final String URI = "https://regla.example.edu.co/hooks/hubspot/advising";
    private final SignatureV3 signature = new SignatureV3("secret", Clock.fixed(NOW, ZoneOffset.UTC));
    private final WorkflowWebhook webhook = new WorkflowWebhook(signature);
    private final String ts = String.valueOf(NOW.minusSeconds(5).toEpochMilli());

    @Test
    void workflowPayloadAndSubscriptionEventsNameTheirDeals() {
        String workflow = "{\"objectId\":1001,\"properties\":{\"dealname\":{\"value\":\"Diplomado\"}}}";
        assertThat(webhook.dealIds("POST", URI, workflow, signature.sign("POST", URI, workflow, ts), ts)).containsExactly("1001");
        String events = "[{\"objectId\":1001,\"subscriptionType\":\"deal.creation\"},{\"objectId\":1002},{\"objectId\":1001}]";
        assertThat(webhook.dealIds("POST", URI, events, signature.sign("POST", URI, events, ts), ts)).containsExactly("1001", "1002");
        String props = "{\"properties\":{\"hs_object_id\":{\"value\":\"1003\"}}}";
        assertThat(webhook.dealIds("POST", URI, props, signature.sign("POST", URI, props, ts), ts)).containsExactly("1003");
    }

    @Test
    void aBadOrStaleSignatureIsRejectedBeforeTheBodyIsRead() {
        String body = "{\"objectId\":1001}";
        assertThatThrownBy(() -> webhook.dealIds("POST", URI, body, "forged", ts))
                .isInstanceOfSatisfying(WorkflowWebhook.Rejected.class, e -> assertThat(e.outcome()).isEqualTo(SignatureV3.Outcome.BAD_SIGNATURE));
        String old = String.valueOf(NOW.minusSeconds(301).toEpochMilli());
        assertThatThrownBy(() -> webhook.dealIds("POST", URI, body, signature.sign("POST", URI, body, old), old))
                .isInstanceOfSatisfying(WorkflowWebhook.Rejected.class, e -> assertThat(e.outcome()).isEqualTo(SignatureV3.Outcome.TOO_OLD));
        String none = "{\"foo\":1}";
        assertThatThrownBy(() -> webhook.dealIds("POST", URI, none, signature.sign("POST", URI, none, ts), ts))
                .hasMessageContaining("no objectId");
    }
}
