package io.regla.store.tck;

import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Store#putAll(List, List)}: facts and new outbox entries written together or not at all. A backend's test
 * extends this and returns its (shared) store; each test works under its own random ids.
 */
public abstract class TransactionContract {

    protected abstract Store store();

    private String run;
    private final Instant t0 = Instant.parse("2023-02-01T08:00:00Z");

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private OutboxEntry entry(String key) {
        return OutboxEntry.pending(run + "-" + key, "email", "SendEmail", "{}", t0);
    }

    private TestNote note(String id, String text) {
        return new TestNote(run + "-" + id, text);
    }

    @Test
    void factsAndEntriesAreWrittenTogether() {
        PutAllResult result = store().putAll(List.of(new FactWrite(run + "-a", note("a", "1")),
                FactWrite.insert(run + "-b", note("b", "1"))), List.of(entry("m1"), entry("m2")));
        assertThat(result).isEqualTo(new PutAllResult(2, 0, 0));
        assertThat(store().facts().get(TestNote.class, run + "-a")).isPresent();
        assertThat(store().facts().get(TestNote.class, run + "-b")).isPresent();
        assertThat(store().outbox().find(run + "-m1")).isPresent();
        assertThat(store().outbox().find(run + "-m2")).isPresent();
    }

    @Test
    void aTakenOutboxKeyWritesNoFactAndNoOtherEntry() {
        store().outbox().enqueue(entry("taken"));
        store().facts().put(run + "-kept", note("kept", "before"));
        assertThatThrownBy(() -> store().putAll(List.of(new FactWrite(run + "-new", note("new", "1")),
                new FactWrite(run + "-kept", note("kept", "after"))), List.of(entry("fresh"), entry("taken"))))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(run + "-taken");
        assertThat(store().facts().get(TestNote.class, run + "-new")).isEmpty();
        assertThat(store().facts().get(TestNote.class, run + "-kept").orElseThrow().value().text()).isEqualTo("before");
        assertThat(store().outbox().find(run + "-fresh")).isEmpty();
    }

    @Test
    void anUnmetFactConditionEnqueuesNothing() {
        long version = store().facts().put(run + "-c", note("c", "1"));
        store().facts().put(run + "-c", note("c", "2"));   // someone else changed it after our read
        assertThatThrownBy(() -> store().putAll(List.of(FactWrite.insert(run + "-d", note("d", "1")),
                FactWrite.replace(run + "-c", note("c", "mine"), version)), List.of(entry("m"))))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(store().facts().get(TestNote.class, run + "-d")).isEmpty();
        assertThat(store().facts().get(TestNote.class, run + "-c").orElseThrow().value().text()).isEqualTo("2");
        assertThat(store().outbox().find(run + "-m")).isEmpty();
    }

    @Test
    void onlyEntriesOrOnlyFactsAreFineAndNothingIsANoOp() {
        assertThat(store().putAll(List.of(), List.of())).isEqualTo(PutAllResult.EMPTY);
        store().putAll(List.of(), List.of(entry("alone")));
        assertThat(store().outbox().find(run + "-alone")).isPresent();
        assertThat(store().putAll(List.of(new FactWrite(run + "-e", note("e", "1"))), List.of()).inserted()).isEqualTo(1);
    }
}
