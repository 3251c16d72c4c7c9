package io.regla.adapters.hubspot.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Verifies HubSpot's {@code X-HubSpot-Signature-v3}: base64(HMAC-SHA256(app secret, method + URI + body +
 * {@code X-HubSpot-Request-Timestamp})), and rejects a timestamp more than five minutes away from the clock
 * (a replayed request). The HTTP endpoint answers 401 and changes nothing when {@link #verify} says no.
 */
public final class SignatureV3 {

    public static final String SIGNATURE_HEADER = "X-HubSpot-Signature-v3";
    public static final String TIMESTAMP_HEADER = "X-HubSpot-Request-Timestamp";
    public static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** Why a request was refused, for the log line (never the secret nor the expected signature). */
    public enum Outcome { VALID, MISSING_HEADER, BAD_TIMESTAMP, TOO_OLD, BAD_SIGNATURE }

    private final byte[] secret;
    private final Clock clock;

    public SignatureV3(String appSecret, Clock clock) {
        if (appSecret == null || appSecret.isEmpty()) throw new IllegalArgumentException("HubSpot app secret is missing");
        this.secret = appSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /**
     * @param method    the request method as received ({@code POST})
     * @param uri       the full URI HubSpot called, scheme, host, path and query ({@code https://x.example/hooks/hubspot?a=1})
     * @param body      the raw body as received (empty for a GET)
     * @param signature the {@value #SIGNATURE_HEADER} header, or null
     * @param timestamp the {@value #TIMESTAMP_HEADER} header (epoch milliseconds), or null
     */
    public Outcome verify(String method, String uri, String body, String signature, String timestamp) {
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) return Outcome.MISSING_HEADER;
        long millis;
        try {
            millis = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Outcome.BAD_TIMESTAMP;
        }
        Duration age = Duration.between(Instant.ofEpochMilli(millis), clock.instant());
        if (age.abs().compareTo(MAX_AGE) > 0) return Outcome.TOO_OLD;
        byte[] expected = sign(method, uri, body == null ? "" : body, timestamp.trim()).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8)) ? Outcome.VALID : Outcome.BAD_SIGNATURE;
    }

    public boolean isValid(String method, String uri, String body, String signature, String timestamp) {
        return verify(method, uri, body, signature, timestamp) == Outcome.VALID;
    }

    /** The signature HubSpot would send for this request. */
    public String sign(String method, String uri, String body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((method.toUpperCase(java.util.Locale.ROOT) + uri + body + timestamp).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
