package io.regla.adapters.mailchimp.reports;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignMetricsProperties {

    @Provide
    Arbitrary<List<CampaignRecipient>> recipients() {
        Arbitrary<CampaignRecipient> one = Combinators.combine(Arbitraries.of("c1", "c2", "c3"), Arbitraries.integers().between(0, 999),
                Arbitraries.of(null, "hard", "soft"), Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3))
                .as((c, n, bounce, opens, clicks) -> new CampaignRecipient(c, "h" + n, "r" + n + "@example.com", bounce, opens,
                        clicks, null));
        // one row per (campaign, recipient), as the store keeps them
        return one.list().ofMaxSize(60).map(rs -> rs.stream().collect(java.util.stream.Collectors.toMap(
                CampaignRecipient::storeId, r -> r, (a, b) -> a)).values().stream().toList());
    }

    static List<CampaignReport> reports() {
        List<CampaignReport> out = new ArrayList<>();
        for (String c : List.of("c1", "c2", "c3")) {
            out.add(new CampaignReport(c, "Campaña " + c, "regular", "", Instant.parse("2026-03-10T12:00:00Z"), 7, 1, 1, 2, 0.4, 1, 0.2, 0));
        }
        return out;
    }

    @Property
    void countsAddUpRatesStayWithinZeroAndOneAndOrderDoesNotMatter(@ForAll("recipients") List<CampaignRecipient> recipients) {
        List<CampaignMetrics> metrics = CampaignMetrics.compute(reports(), recipients);
        assertThat(metrics).hasSize(3);
        for (CampaignMetrics m : metrics) {
            assertThat(m.delivered() + m.bounced()).isEqualTo(m.sent());
            assertThat(m.opened()).isBetween(0L, m.delivered());
            assertThat(m.clicked()).isBetween(0L, m.delivered());
            assertThat(m.openRate()).isBetween(0.0, 1.0);
            assertThat(m.clickRate()).isBetween(0.0, 1.0);
            long listed = recipients.stream().filter(r -> r.campaignId().equals(m.campaignId())).count();
            assertThat(m.sent()).isEqualTo(listed == 0 ? 7 : listed);
        }
        List<CampaignRecipient> shuffled = new ArrayList<>(recipients);
        Collections.shuffle(shuffled);
        assertThat(CampaignMetrics.compute(reports(), shuffled)).isEqualTo(metrics);
    }
}
