package io.regla.adapters.hubspot.webhook;

import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureV3Test {

    private static final String SECRET = "app-secret-123";
    private static final Instant NOW = Instant.parse("2026-08-03T14:00:00Z");
    private static final String URI = "https://regla.example.edu.co/hooks/hubspot/advising?portal=42";
    private static final String BODY = "{\"objectId\":77,\"subscriptionType\":\"deal.creation\"}";
    private final SignatureV3 verifier = new SignatureV3(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    /** Computed independently of the class under test, the way HubSpot documents it. */
    private static String hubspotSignature(String method, String uri, String body, String timestamp) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal((method + uri + body + timestamp).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void acceptsASignatureHubSpotWouldSend() throws Exception {
        String ts = String.valueOf(NOW.minusSeconds(30).toEpochMilli());
        assertThat(verifier.verify("POST", URI, BODY, hubspotSignature("POST", URI, BODY, ts), ts)).isEqualTo(SignatureV3.Outcome.VALID);
    }

    @Test
    void rejectsAnyChangeToMethodUriBodyOrTimestamp() throws Exception {
        String ts = String.valueOf(NOW.minusSeconds(30).toEpochMilli());
        String sig = hubspotSignature("POST", URI, BODY, ts);
        assertThat(verifier.verify("POST", URI, BODY.replace("77", "78"), sig, ts)).isEqualTo(SignatureV3.Outcome.BAD_SIGNATURE);
        assertThat(verifier.verify("POST", URI + "&x=1", BODY, sig, ts)).isEqualTo(SignatureV3.Outcome.BAD_SIGNATURE);
        assertThat(verifier.verify("PUT", URI, BODY, sig, ts)).isEqualTo(SignatureV3.Outcome.BAD_SIGNATURE);
        String ts2 = String.valueOf(NOW.minusSeconds(31).toEpochMilli());
        assertThat(verifier.verify("POST", URI, BODY, sig, ts2)).isEqualTo(SignatureV3.Outcome.BAD_SIGNATURE);
        assertThat(new SignatureV3("other-secret", Clock.fixed(NOW, ZoneOffset.UTC)).verify("POST", URI, BODY, sig, ts))
                .isEqualTo(SignatureV3.Outcome.BAD_SIGNATURE);
    }

    @Test
    void rejectsTimestampsOlderThanFiveMinutesEvenWithAGoodSignature() throws Exception {
        String fresh = String.valueOf(NOW.minusSeconds(300).toEpochMilli());
        String stale = String.valueOf(NOW.minusSeconds(301).toEpochMilli());
        assertThat(verifier.verify("POST", URI, BODY, hubspotSignature("POST", URI, BODY, fresh), fresh)).isEqualTo(SignatureV3.Outcome.VALID);
        assertThat(verifier.verify("POST", URI, BODY, hubspotSignature("POST", URI, BODY, stale), stale)).isEqualTo(SignatureV3.Outcome.TOO_OLD);
    }

    @Test
    void missingOrGarbledHeadersAreRejected() {
        assertThat(verifier.verify("POST", URI, BODY, null, "1")).isEqualTo(SignatureV3.Outcome.MISSING_HEADER);
        assertThat(verifier.verify("POST", URI, BODY, "abc", null)).isEqualTo(SignatureV3.Outcome.MISSING_HEADER);
        assertThat(verifier.verify("POST", URI, BODY, "abc", "yesterday")).isEqualTo(SignatureV3.Outcome.BAD_TIMESTAMP);
    }
}
