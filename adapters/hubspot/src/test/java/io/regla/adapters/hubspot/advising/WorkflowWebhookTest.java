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

    /**
     * The newer app platform's generic events ({@code object.propertyChange}, {@code object.creation}) name the object
     * in {@code objectTypeId}: a contact (0-1) counts as {@code contact.*}, a deal (0-3) as {@code deal.*}; another
     * object's (a company, 0-2) names no deal, not even by its {@code objectId}.
     */
    @Test
    void genericObjectEventsCountAsTheLegacyOnesOfTheirObjectType() {
        String body = """
                [{"eventId":100,"subscriptionId":2001,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"object.propertyChange","objectTypeId":"0-1","attemptNumber":0,"objectId":501,
                  "propertyName":"facultad","propertyValue":"ECONOMÍA","changeSource":"CRM_UI","sourceId":"userId:4242"},
                 {"eventId":101,"subscriptionId":2002,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"object.propertyChange","objectTypeId":"0-1","attemptNumber":0,"objectId":502,
                  "propertyName":"phone","propertyValue":"+57 300","changeSource":"CRM_UI","sourceId":"userId:4242"},
                 {"eventId":102,"subscriptionId":2003,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"object.propertyChange","objectTypeId":"0-3","attemptNumber":0,"objectId":1003,
                  "propertyName":"facultad","propertyValue":"ECONOMÍA","changeSource":"CRM_UI","sourceId":"userId:4242"},
                 {"eventId":103,"subscriptionId":2004,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"object.creation","objectTypeId":"0-3","attemptNumber":0,"objectId":1004,"changeSource":"CRM_UI"},
                 {"eventId":104,"subscriptionId":2005,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"object.creation","objectTypeId":"0-2","attemptNumber":0,"objectId":9001,"changeSource":"CRM_UI"}]""";

        WorkflowWebhook.Events events = webhook.read("POST", URI, body, signature.sign("POST", URI, body, ts), ts);

        assertThat(events.dealIds()).containsExactly("1003", "1004");
        assertThat(events.facultyChanges()).singleElement().satisfies(c -> {
            assertThat(c.contactId()).isEqualTo("501");
            assertThat(c.to()).isEqualTo("ECONOMÍA");
            assertThat(c.changedBy()).isEqualTo("userId:4242");
            assertThat(c.at()).isEqualTo(Instant.ofEpochMilli(1764770100000L));
        });
        String company = "[{\"subscriptionType\":\"object.propertyChange\",\"objectTypeId\":\"0-2\",\"objectId\":9001,"
                + "\"propertyName\":\"facultad\",\"propertyValue\":\"ECONOMÍA\"}]";
        WorkflowWebhook.Events none = webhook.read("POST", URI, company, signature.sign("POST", URI, company, ts), ts);
        assertThat(none.dealIds()).isEmpty();
        assertThat(none.facultyChanges()).isEmpty();
    }

    @Test
    void legacyEventsOfOtherObjectsAreAcknowledgedAndNeverTakenAsDeals() {
        String body = """
                [{"eventId":200,"subscriptionId":3001,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"company.creation","attemptNumber":0,"objectId":9001,"changeSource":"CRM_UI"},
                 {"eventId":201,"subscriptionId":3002,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"ticket.propertyChange","attemptNumber":0,"objectId":9002,
                  "propertyName":"hs_pipeline_stage","propertyValue":"2","changeSource":"CRM_UI"},
                 {"eventId":202,"subscriptionId":3003,"portalId":62515,"appId":54321,"occurredAt":1764770100000,
                  "subscriptionType":"deal.creation","attemptNumber":0,"objectId":1005,"changeSource":"CRM_UI"}]""";

        WorkflowWebhook.Events events = webhook.read("POST", URI, body, signature.sign("POST", URI, body, ts), ts);

        assertThat(events.dealIds()).containsExactly("1005");
        String company = "[{\"subscriptionType\":\"company.propertyChange\",\"objectId\":9001,\"propertyName\":\"name\"}]";
        WorkflowWebhook.Events none = webhook.read("POST", URI, company, signature.sign("POST", URI, company, ts), ts);
        assertThat(none.dealIds()).isEmpty();
        assertThat(none.facultyChanges()).isEmpty();
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
