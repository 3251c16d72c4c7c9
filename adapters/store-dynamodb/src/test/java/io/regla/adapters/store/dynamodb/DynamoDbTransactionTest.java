package io.regla.adapters.store.dynamodb;

import io.regla.api.spi.FactWrite;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.Store;
import io.regla.store.tck.TestNote;
import io.regla.store.tck.TransactionContract;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamoDbTransactionTest extends TransactionContract {
    @Override
    protected Store store() {
        return LocalDynamoDb.store();
    }

    @Test
    void moreThanOneTransactionHoldsIsRefusedBeforeAnyWrite() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<FactWrite> facts = IntStream.range(0, 100)
                .mapToObj(i -> new FactWrite(run + "-" + i, new TestNote(run + "-" + i, "n"))).toList();
        OutboxEntry entry = OutboxEntry.pending(run + "-m", "email", "SendEmail", "{}", Instant.now());
        assertThatThrownBy(() -> store().putAll(facts, List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100 facts and 1");
        assertThat(store().facts().list(TestNote.class, run, null, 1000)).isEmpty();
        assertThat(store().outbox().find(run + "-m")).isEmpty();
    }
}
