package io.regla.adapters.mailchimp.marketing;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mailchimp allows 10 simultaneous connections per account. The server side counts requests in flight: the counter
 * goes up when a request arrives and down before its answer is written, so it never over-counts the client's.
 */
class ConnectionLimitTest {

    static final AtomicInteger inFlight = new AtomicInteger();
    static final AtomicInteger maxInFlight = new AtomicInteger();

    /** Holds each request 150 ms while counting how many are held at once. */
    public static final class InFlightCounter implements ResponseDefinitionTransformerV2 {
        @Override
        public ResponseDefinition transform(ServeEvent serveEvent) {
            int now = inFlight.incrementAndGet();
            maxInFlight.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            return serveEvent.getResponseDefinition();
        }

        @Override
        public String getName() {
            return "in-flight-counter";
        }
    }

    @RegisterExtension
    static WireMockExtension mailchimp = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(80).extensions(new InFlightCounter()))
            .build();

    @BeforeEach
    void reset() {
        inFlight.set(0);
        maxInFlight.set(0);
        mailchimp.stubFor(put(urlPathMatching("/3.0/lists/L1/members/.*"))
                .willReturn(okJson("{\"status\":\"subscribed\",\"email_address\":\"x@example.com\"}")));
    }

    @Test
    void neverMoreThanTenRequestsInFlight() throws Exception {
        int observed = upsertInParallel(MailchimpMarketingConfig.ACCOUNT_CONNECTION_LIMIT, 40);

        assertThat(observed).isLessThanOrEqualTo(10);
        assertThat(observed).as("the test must actually saturate the limit").isGreaterThanOrEqualTo(8);
    }

    @Test
    void theCounterSeesMoreThanTenWhenTheClientAllowsIt() throws Exception {
        assertThat(upsertInParallel(25, 40)).as("control: without the cap the server sees more").isGreaterThan(10);
    }

    private int upsertInParallel(int maxConnections, int calls) throws Exception {
        MailchimpMarketingClient client = new MailchimpMarketingClient(MailchimpMarketingConfig.builder("k-us1")
                .baseUri(URI.create(mailchimp.baseUrl() + "/3.0"))
                .maxConnections(maxConnections)
                .requestTimeout(Duration.ofSeconds(20))
                .build());
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        try {
            List<Future<MemberResult>> results = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                String email = "parent" + i + "@example.com";
                results.add(pool.submit(() -> client.upsertMember("L1", MemberUpsert.of(email, ContactStatus.SUBSCRIBED, Map.of()))));
            }
            for (Future<MemberResult> r : results) {
                assertThat(r.get().outcome()).isEqualTo(MemberResult.Outcome.UPSERTED);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(client.availableConnections()).isEqualTo(maxConnections);
        return maxInFlight.get();
    }
}
