package io.regla.adapters.mailchimp.marketing;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

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
    void aRetryAfterInSecondsIsPassedOnAsIs(@ForAll @IntRange(min = 0, max = 86_400) int seconds) {
        assertThat(MailchimpMarketingClient.retryAfter(Optional.of(" " + seconds + " "))).isEqualTo(Duration.ofSeconds(seconds));
    }

    @Property(tries = 100)
    void anyOtherRetryAfterLeavesTheWaitToTheOutbox(@ForAll("notSeconds") String header) {
        assertThat(MailchimpMarketingClient.retryAfter(Optional.of(header))).isNull();
        assertThat(MailchimpMarketingClient.retryAfter(Optional.empty())).isNull();
    }

    @Provide
    Arbitrary<String> notSeconds() {
        // An HTTP date, a negative number, words: none is a wait in seconds.
        return Arbitraries.oneOf(Arbitraries.of("Wed, 21 Oct 2026 07:28:00 GMT", "", "soon", "1.5"),
                Arbitraries.integers().between(Integer.MIN_VALUE, -1).map(String::valueOf),
                Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8));
    }
}
