package io.regla.adapters.mailchimp.marketing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriberHashProperties {

    @Provide
    Arbitrary<String> emails() {
        Arbitrary<String> local = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                .withChars('.', '_', '+', '-').ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> domain = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> tld = Arbitraries.of("com", "ES", "org", "Net");
        return Combinators.combine(local, domain, tld).as((l, d, t) -> l + "@" + d + "." + t);
    }

    @Property(tries = 200)
    void theHashIgnoresCase(@ForAll("emails") String email) {
        String hash = MailchimpMarketingClient.subscriberHash(email);
        assertThat(MailchimpMarketingClient.subscriberHash(email.toUpperCase(Locale.ROOT))).isEqualTo(hash);
        assertThat(MailchimpMarketingClient.subscriberHash(email.toLowerCase(Locale.ROOT))).isEqualTo(hash);
        assertThat(hash).matches("[0-9a-f]{32}");
    }

    @Property(tries = 200)
    void backoffDoublesWithinItsJitterAndNeverExceedsTheCap(@ForAll @IntRange(min = 1, max = 30) int attempt) {
        MailchimpMarketingClient client = new MailchimpMarketingClient(MailchimpMarketingConfig.builder("k-us1")
                .baseUri(URI.create("http://localhost:1/3.0")).backoff(Duration.ofMillis(100), Duration.ofSeconds(5)).build());
        long floor = Math.min(100L << Math.min(attempt - 1, 20), 5000);

        Duration wait = client.backoff(attempt, Optional.empty());

        assertThat(wait.toMillis()).isBetween(floor, Math.min(floor * 3 / 2, 5000));
    }
}
