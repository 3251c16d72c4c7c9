package io.regla.adapters.hubspot.webhook;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SignatureV3Properties {

    private static final Instant NOW = Instant.parse("2026-08-03T14:00:00Z");
    private final SignatureV3 verifier = new SignatureV3("app-secret", Clock.fixed(NOW, ZoneOffset.UTC));

    @Property(tries = 200)
    void aSignedRequestVerifiesAndAnyChangedBodyCharacterDoesNot(@ForAll @StringLength(min = 1, max = 200) String body,
                                                                 @ForAll @IntRange(min = 0, max = 299) int ageSeconds,
                                                                 @ForAll @IntRange(min = 0, max = 199) int at) {
        String uri = "https://regla.example.edu.co/hooks/hubspot";
        String ts = String.valueOf(NOW.minusSeconds(ageSeconds).toEpochMilli());
        String sig = verifier.sign("POST", uri, body, ts);
        assertThat(verifier.verify("POST", uri, body, sig, ts)).isEqualTo(SignatureV3.Outcome.VALID);
        int i = at % body.length();
        String tampered = body.substring(0, i) + (char) (body.charAt(i) + 1) + body.substring(i + 1);
        assertThat(verifier.verify("POST", uri, tampered, sig, ts)).isEqualTo(SignatureV3.Outcome.BAD_SIGNATURE);
    }

    @Property(tries = 100)
    void aTimestampOutsideFiveMinutesIsRefusedWhateverTheSignature(@ForAll @IntRange(min = 301, max = 100_000) int ageSeconds,
                                                                   @ForAll boolean future) {
        Instant when = future ? NOW.plusSeconds(ageSeconds) : NOW.minusSeconds(ageSeconds);
        String ts = String.valueOf(when.toEpochMilli());
        String sig = verifier.sign("POST", "https://x/y", "{}", ts);
        assertThat(verifier.verify("POST", "https://x/y", "{}", sig, ts)).isEqualTo(SignatureV3.Outcome.TOO_OLD);
    }
}
