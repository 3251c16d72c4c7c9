package io.regla.adapters.hubspot;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PagingCursorTest {

    @Test
    void aRawCursorIsEncodedOnceAndAnEncodedOneIsSentAsGiven() {
        assertThat(PagingCursor.queryValue("NTAx")).isEqualTo("NTAx");
        assertThat(PagingCursor.queryValue("395")).isEqualTo("395");
        assertThat(PagingCursor.queryValue("MTAx+Lz0/YQ==")).isEqualTo("MTAx%2BLz0%2FYQ%3D%3D");
        assertThat(PagingCursor.queryValue("NTI1Cg%3D%3D")).isEqualTo("NTI1Cg%3D%3D");
        assertThat(PagingCursor.queryValue("a%2fb")).as("an escape is kept as HubSpot wrote it").isEqualTo("a%2fb");
        assertThat(PagingCursor.queryValue("a b&c#d")).isEqualTo("a%20b%26c%23d");
        assertThat(PagingCursor.queryValue("ñ😀")).isEqualTo("%C3%B1%F0%9F%98%80");
        assertThat(PagingCursor.queryValue("50%")).as("a % that is no escape").isEqualTo("50%25");
        assertThat(PagingCursor.queryValue("-._~")).isEqualTo("-._~");
    }

    @Test
    void encodingIsIdempotentAndDecodesBackToTheRawCursor() {
        for (String raw : new String[] {"MTAx+Lz0/YQ==", "a b&c", "ñ😀", "x=1;y=2"}) {
            String once = PagingCursor.queryValue(raw);
            assertThat(PagingCursor.queryValue(once)).as(raw).isEqualTo(once);
            assertThat(URLDecoder.decode(once.replace("+", "%2B"), StandardCharsets.UTF_8)).as(raw).isEqualTo(raw);
        }
    }
}
