package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.store.tck.TestNote;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is DynamoDB's own: batches past the transaction limit, table names. */
class DynamoDbStoreLimitsTest {

    @Test
    void aBatchLargerThanOneTransactionIsWrittenChunkByChunk() {
        DynamoDbStore store = LocalDynamoDb.store();
        String run = UUID.randomUUID().toString();
        List<FactWrite> batch = IntStream.range(0, 250)
                .mapToObj(i -> new FactWrite(run + "-" + i, new TestNote(run + "-" + i, "n" + i))).toList();
        assertThat(store.facts().putAll(batch)).isEqualTo(new PutAllResult(250, 0, 0));
        assertThat(store.facts().putAll(batch)).isEqualTo(new PutAllResult(0, 0, 250));
        assertThat(store.facts().list(TestNote.class, run, null, 1000)).hasSize(250);
    }

    @Test
    void aTableNameDynamoDbWouldRefuseIsRefusedUpFront() {
        var client = LocalDynamoDb.client();
        assertThatThrownBy(() -> DynamoDbStore.open(client, "ab", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ab'");
        assertThatThrownBy(() -> DynamoDbStore.open(client, "with space", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createTableIfMissingLeavesAnExistingTableAndItsData() {
        DynamoDbStore store = LocalDynamoDb.store();
        store.cursors().put("kept", "yes");
        DynamoDbStore again = DynamoDbStore.open(LocalDynamoDb.client(), store.table(), Clock.systemUTC()).createTableIfMissing();
        assertThat(again.cursors().get("kept")).contains("yes");
    }
}
