package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.StoreException;
import io.regla.rules.loyalty.ledger.Posting;
import io.regla.rules.loyalty.ledger.PostingResult;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ledger's race loop: bounded by time and progress, jittered, and a livelock still ends with a clear error. */
class DynamoDbLedgerRaceTest {

    private static final Instant AT = Instant.parse("2025-03-10T13:00:00Z");

    private static Posting.Accrual accrual(String member, String source) {
        return new Posting.Accrual(member, source, 10, AT, AT.plus(Duration.ofDays(10)), AT.plus(Duration.ofDays(730)), "test");
    }

    @Test
    void aMemberWhoseHeadNeverMatchesEndsWithTheRaceErrorOnceTheBudgetIsSpent() {
        DynamoDbClient db = LocalDynamoDb.client();
        String member = "race-" + UUID.randomUUID();
        // A head counting entries that do not exist: every posting's head condition fails, as in a livelock.
        db.putItem(r -> r.tableName("regla-test").item(Map.of("pk", AttributeValue.fromS("L#" + member),
                "sk", AttributeValue.fromS("#HEAD"), "entryCount", AttributeValue.fromN("7"))));
        DynamoDbLedger ledger = new DynamoDbLedger(db, "regla-test", Clock.systemUTC(), Duration.ofMillis(300));

        assertThatThrownBy(() -> ledger.post(accrual(member, "s1")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("races for member " + member)
                .hasMessageContaining("no posting to this member went through for 300 ms")
                .hasMessageContaining("out of step");
    }

    @Test
    void aMemberWithoutContentionPostsAtOnce() {
        DynamoDbLedger ledger = new DynamoDbLedger(LocalDynamoDb.client(), "regla-test", Clock.systemUTC(), Duration.ZERO);
        String member = "calm-" + UUID.randomUUID();
        // A zero budget still makes the first attempt: only a lost race consults it.
        assertThat(ledger.post(accrual(member, "s1")).outcome()).isEqualTo(PostingResult.Outcome.POSTED);
        assertThat(ledger.post(accrual(member, "s2")).outcome()).isEqualTo(PostingResult.Outcome.POSTED);
    }

    @Property(tries = 300)
    void theBackoffGrowsWithTheAttemptsWithinItsJitterAndCap(@ForAll @IntRange(min = 1, max = 200) int attempt) {
        long ceiling = Math.min(100, 2L << Math.min(attempt - 1, 20));
        assertThat(DynamoDbLedger.backoffMillis(attempt)).isBetween(ceiling / 2, ceiling);
    }
}
