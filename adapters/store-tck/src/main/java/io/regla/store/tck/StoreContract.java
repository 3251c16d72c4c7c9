package io.regla.store.tck;

import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxBacklog;
import io.regla.api.spi.OutboxClaim;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.Store;
import io.regla.api.spi.StoredFact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every store backend must do: facts, outbox and cursors, alone and under concurrency. A backend's
 * test extends this and returns its (shared) store; each test works under its own random ids.
 */
public abstract class StoreContract {

    /** The backend under test; may be shared by every test of the class. */
    protected abstract Store store();

    protected String run;
    private final Instant t0 = Instant.parse("2023-02-01T08:00:00Z");

    @BeforeEach
    void newRun() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private String id(String local) {
        return run + "-" + local;
    }

    // ---------------------------------------------------------------- facts

    @Test
    void putThenGetRoundTripsEveryValueKind() {
        FactStore facts = store().facts();
        TestChild child = TestChild.of(id("c1"), "Lucía");
        assertThat(facts.put(child.id(), child)).isEqualTo(1);

        StoredFact<TestChild> stored = facts.get(TestChild.class, child.id()).orElseThrow();
        assertThat(stored.value()).isEqualTo(child);
        assertThat(stored.type()).isEqualTo("TestChild");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(facts.get(TestChild.class, id("absent"))).isEmpty();
    }

    @Test
    void sameContentKeepsTheVersionChangedContentBumpsIt() {
        FactStore facts = store().facts();
        TestChild child = TestChild.of(id("c1"), "Lucía");
        facts.put(child.id(), child);
        assertThat(facts.put(child.id(), child)).isEqualTo(1);
        assertThat(facts.put(child.id(), child.renamed("Lucía M."))).isEqualTo(2);
        assertThat(facts.get(TestChild.class, child.id()).orElseThrow().value().name()).isEqualTo("Lucía M.");
    }

    @Test
    void typesAreKeptApart() {
        FactStore facts = store().facts();
        facts.put(id("x"), TestChild.of(id("x"), "Mateo"));
        facts.put(id("x"), new TestNote(id("x"), "nota"));
        assertThat(facts.get(TestChild.class, id("x")).orElseThrow().value().name()).isEqualTo("Mateo");
        assertThat(facts.get(TestNote.class, id("x")).orElseThrow().value().text()).isEqualTo("nota");
        assertThat(facts.delete(TestNote.class, id("x"))).isTrue();
        assertThat(facts.delete(TestNote.class, id("x"))).isFalse();
        assertThat(facts.get(TestChild.class, id("x"))).isPresent();
    }

    @Test
    void insertWritesOnlyWhenAbsent() {
        FactStore facts = store().facts();
        assertThat(facts.insert(id("n"), new TestNote(id("n"), "first"))).isTrue();
        assertThat(facts.insert(id("n"), new TestNote(id("n"), "second"))).isFalse();
        assertThat(facts.get(TestNote.class, id("n")).orElseThrow().value().text()).isEqualTo("first");
    }

    @Test
    void replaceIsCompareAndSetOnTheVersion() {
        FactStore facts = store().facts();
        String id = id("n");
        facts.put(id, new TestNote(id, "v1"));
        assertThat(facts.replace(id, new TestNote(id, "v2"), 1)).isEqualTo(2);
        assertThatThrownBy(() -> facts.replace(id, new TestNote(id, "stale"), 1))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(id);
        assertThatThrownBy(() -> facts.replace(id("absent"), new TestNote(id("absent"), "x"), 1))
                .isInstanceOf(ConcurrentUpdateException.class);
        assertThat(facts.get(TestNote.class, id).orElseThrow().value().text()).isEqualTo("v2");
    }

    @Test
    void listPagesInIdOrderWithinAPrefix() {
        FactStore facts = store().facts();
        for (int i = 0; i < 7; i++) {
            facts.put(id("m1#" + i), new TestNote(id("m1#" + i), "n" + i));
        }
        facts.put(id("m2#0"), new TestNote(id("m2#0"), "other group"));
        facts.put(id("m1_x"), new TestNote(id("m1_x"), "'_' is no wildcard"));

        List<StoredFact<TestNote>> first = facts.list(TestNote.class, id("m1#"), null, 3);
        assertThat(first).extracting(StoredFact::id).containsExactly(id("m1#0"), id("m1#1"), id("m1#2"));
        List<StoredFact<TestNote>> rest = facts.list(TestNote.class, id("m1#"), first.get(2).id(), 10);
        assertThat(rest).extracting(StoredFact::id).containsExactly(id("m1#3"), id("m1#4"), id("m1#5"), id("m1#6"));
        assertThat(facts.list(TestNote.class, run + "-", null, 100)).hasSize(9);
        assertThat(facts.listAll(TestNote.class)).extracting(TestNote::id).contains(id("m2#0"), id("m1_x"));
    }

    @Test
    void putAllReportsInsertedUpdatedUnchanged() {
        FactStore facts = store().facts();
        facts.put(id("a"), new TestNote(id("a"), "same"));
        facts.put(id("b"), new TestNote(id("b"), "old"));
        PutAllResult r = facts.putAll(List.of(
                new FactWrite(id("a"), new TestNote(id("a"), "same")),
                new FactWrite(id("b"), new TestNote(id("b"), "new")),
                new FactWrite(id("c"), new TestNote(id("c"), "brand new")),
                new FactWrite(id("c"), TestChild.of(id("c"), "Sofía"))));
        assertThat(r).isEqualTo(new PutAllResult(2, 1, 1));
        assertThat(facts.get(TestNote.class, id("b")).orElseThrow().version()).isEqualTo(2);
        assertThat(facts.get(TestNote.class, id("a")).orElseThrow().version()).isEqualTo(1);
        assertThat(facts.putAll(List.of())).isEqualTo(PutAllResult.EMPTY);
    }

    @Test
    void putAllThatFailsHalfWayWritesNothing() {
        FactStore facts = store().facts();
        facts.put(id("a"), new TestNote(id("a"), "before"));
        List<FactWrite> batch = new ArrayList<>();
        batch.add(new FactWrite(id("a"), new TestNote(id("a"), "after")));
        batch.add(new FactWrite(id("b"), new TestNote(id("b"), "new")));
        batch.add(new FactWrite(id("bad"), new Unwritable("ignored")));
        batch.add(new FactWrite(id("c"), new TestNote(id("c"), "new")));

        assertThatThrownBy(() -> facts.putAll(batch)).hasMessageContaining("Unwritable");
        assertThat(facts.get(TestNote.class, id("a")).orElseThrow().value().text()).isEqualTo("before");
        assertThat(facts.get(TestNote.class, id("b"))).isEmpty();
        assertThat(facts.get(TestNote.class, id("c"))).isEmpty();
    }

    @Test
    void conditionedWritesInABatchAreOneCompareAndSet() {
        FactStore facts = store().facts();
        String member = id("member");
        facts.put(member, new TestNote(member, "balance 10"));
        PutAllResult ok = facts.putAll(List.of(
                FactWrite.insert(id("entry-1"), new TestNote(id("entry-1"), "+5")),
                FactWrite.replace(member, new TestNote(member, "balance 15"), 1)));
        assertThat(ok).isEqualTo(new PutAllResult(1, 1, 0));

        // the same source entry again, from the stale version: nothing of the batch is written
        assertThatThrownBy(() -> facts.putAll(List.of(
                new FactWrite(id("unrelated"), new TestNote(id("unrelated"), "x")),
                FactWrite.insert(id("entry-1"), new TestNote(id("entry-1"), "+5 again")),
                FactWrite.replace(member, new TestNote(member, "balance 20"), 1))))
                .isInstanceOf(ConcurrentUpdateException.class).hasMessageContaining(id("entry-1"));
        assertThat(facts.get(TestNote.class, id("unrelated"))).isEmpty();
        assertThat(facts.get(TestNote.class, id("entry-1")).orElseThrow().value().text()).isEqualTo("+5");
        StoredFact<TestNote> m = facts.get(TestNote.class, member).orElseThrow();
        assertThat(m.value().text()).isEqualTo("balance 15");
        assertThat(m.version()).isEqualTo(2);
    }

    @Test
    void concurrentConditionedBatchesFromOneVersionLetOneWin() throws Exception {
        FactStore facts = store().facts();
        String member = id("member");
        facts.put(member, new TestNote(member, "balance 10"));
        List<Boolean> results = concurrently(6, i -> {
            try {
                facts.putAll(List.of(FactWrite.insert(id("spend-" + i), new TestNote(id("spend-" + i), "-10")),
                        FactWrite.replace(member, new TestNote(member, "balance 0 by " + i), 1)));
                return true;
            } catch (ConcurrentUpdateException e) {
                return false;
            }
        });
        assertThat(results).containsOnlyOnce(true);
        assertThat(facts.list(TestNote.class, id("spend-"), null, 100)).hasSize(1);
    }

    @Test
    void concurrentInsertsOfOneIdStoreOne() throws Exception {
        FactStore facts = store().facts();
        List<Boolean> results = concurrently(8, i -> facts.insert(id("once"), new TestNote(id("once"), "by " + i)));
        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void concurrentUpsertsOfANewIdNeitherFailNorDuplicate() throws Exception {
        FactStore facts = store().facts();
        List<Long> versions = concurrently(8, i -> facts.put(id("hot"), new TestNote(id("hot"), "by " + i)));
        StoredFact<TestNote> last = facts.get(TestNote.class, id("hot")).orElseThrow();
        assertThat(versions).allMatch(v -> v >= 1 && v <= 8);
        assertThat(last.version()).isEqualTo(versions.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(facts.list(TestNote.class, id("hot"), null, 10)).hasSize(1);
    }

    @Test
    void concurrentReplacesFromOneVersionLetOneWin() throws Exception {
        FactStore facts = store().facts();
        facts.put(id("n"), new TestNote(id("n"), "v1"));
        List<Boolean> results = concurrently(8, i -> {
            try {
                facts.replace(id("n"), new TestNote(id("n"), "by " + i), 1);
                return true;
            } catch (ConcurrentUpdateException e) {
                return false;
            }
        });
        assertThat(results).containsOnlyOnce(true);
        assertThat(facts.get(TestNote.class, id("n")).orElseThrow().version()).isEqualTo(2);
    }

    // ---------------------------------------------------------------- outbox

    private OutboxEntry entry(String key, String channel) {
        return OutboxEntry.pending(id(key), channel, "TestPayload", "{\"n\":\"" + key + "\"}", t0);
    }

    @Test
    void enqueueStoresOnceDuplicatesAreIgnored() {
        Outbox outbox = store().outbox();
        assertThat(outbox.enqueue(entry("k1", id("ch")))).isTrue();
        OutboxEntry dup = OutboxEntry.pending(id("k1"), id("ch"), "Other", "{}", t0.plusSeconds(5));
        assertThat(outbox.enqueue(dup)).isFalse();
        OutboxEntry stored = outbox.find(id("k1")).orElseThrow();
        assertThat(stored).isEqualTo(entry("k1", id("ch")));
        assertThat(outbox.find(id("absent"))).isEmpty();
    }

    @Test
    void concurrentEnqueuesOfOneKeyStoreOne() throws Exception {
        Outbox outbox = store().outbox();
        List<Boolean> results = concurrently(8, i -> outbox.enqueue(entry("same", id("ch"))));
        assertThat(results).containsOnlyOnce(true);
    }

    @Test
    void claimHoldsAnEntryUntilItsLeaseExpiresThenItIsUncertain() {
        Outbox outbox = store().outbox();
        String ch = id("ch");
        outbox.enqueue(entry("k1", ch));
        outbox.enqueue(entry("k2", "elsewhere-" + run));

        List<OutboxClaim> claimed = outbox.claim(ch, t0, 10, "A", Duration.ofMinutes(1));
        assertThat(claimed).hasSize(1);
        OutboxClaim claim = claimed.get(0);
        assertThat(claim.from()).isEqualTo(OutboxStatus.PENDING);
        assertThat(claim.uncertain()).isFalse();
        assertThat(claim.entry().status()).isEqualTo(OutboxStatus.IN_FLIGHT);
        assertThat(claim.entry().leaseOwner()).isEqualTo("A");
        assertThat(outbox.find(id("k1")).orElseThrow()).isEqualTo(claim.entry());

        assertThat(outbox.claim(ch, t0.plusSeconds(59), 10, "B", Duration.ofMinutes(1))).isEmpty();
        List<OutboxClaim> taken = outbox.claim(ch, t0.plusSeconds(61), 10, "B", Duration.ofMinutes(1));
        assertThat(taken).hasSize(1);
        assertThat(taken.get(0).uncertain()).isTrue();
        assertThat(taken.get(0).entry().leaseOwner()).isEqualTo("B");

        // A's late outcome loses: the entry changed under it
        assertThat(outbox.markSent(claim.entry(), "late", t0.plusSeconds(62))).isFalse();
        assertThat(outbox.markSent(taken.get(0).entry(), "p-1", t0.plusSeconds(62))).isTrue();
        OutboxEntry sent = outbox.find(id("k1")).orElseThrow();
        assertThat(sent.status()).isEqualTo(OutboxStatus.SENT);
        assertThat(sent.providerId()).isEqualTo("p-1");
        assertThat(outbox.claim(ch, t0.plus(Duration.ofDays(1)), 10, "C", Duration.ofMinutes(1))).isEmpty();
    }

    @Test
    void retryUncertainAndFailedRecordAttemptsErrorsAndDueTimes() {
        Outbox outbox = store().outbox();
        String ch = id("ch");
        outbox.enqueue(entry("r", ch));
        outbox.enqueue(entry("u", ch));
        outbox.enqueue(entry("f", ch));
        Map<String, OutboxEntry> held = new ConcurrentHashMap<>();
        outbox.claim(ch, t0, 10, "A", Duration.ofMinutes(1)).forEach(c -> held.put(c.entry().key(), c.entry()));
        assertThat(held).hasSize(3);

        Instant later = t0.plusSeconds(30);
        assertThat(outbox.scheduleRetry(held.get(id("r")), 1, later, "429: slow down", t0)).isTrue();
        assertThat(outbox.markUncertain(held.get(id("u")), 2, later, "TIMEOUT", t0)).isTrue();
        assertThat(outbox.markFailed(held.get(id("f")), 1, "400: invalid", t0)).isTrue();

        OutboxEntry r = outbox.find(id("r")).orElseThrow();
        assertThat(r.status()).isEqualTo(OutboxStatus.PENDING);
        assertThat(r.attempts()).isEqualTo(1);
        assertThat(r.dueAt()).isEqualTo(later);
        assertThat(r.lastError()).isEqualTo("429: slow down");
        assertThat(r.leaseOwner()).isNull();
        assertThat(outbox.find(id("u")).orElseThrow().status()).isEqualTo(OutboxStatus.UNCERTAIN);
        assertThat(outbox.find(id("f")).orElseThrow().status()).isEqualTo(OutboxStatus.FAILED);

        assertThat(outbox.due(ch, t0.plusSeconds(29), 10)).isEmpty();
        List<OutboxClaim> again = outbox.claim(ch, later, 10, "B", Duration.ofMinutes(1));
        assertThat(again).extracting(c -> c.entry().key()).containsExactlyInAnyOrder(id("r"), id("u"));
        assertThat(again).filteredOn(OutboxClaim::uncertain).extracting(c -> c.entry().key()).containsExactly(id("u"));
        assertThat(outbox.list(OutboxStatus.FAILED, 1000)).extracting(OutboxEntry::key).contains(id("f"));
        assertThat(outbox.list(OutboxStatus.IN_FLIGHT, 1000)).extracting(OutboxEntry::key).contains(id("r"), id("u"));
    }

    @Test
    void twoDispatchersClaimingTheSameEntriesEachGetsAnEntryOnce() throws Exception {
        Outbox outbox = store().outbox();
        String ch = id("ch");
        int n = 40;
        IntStream.range(0, n).forEach(i -> outbox.enqueue(entry("e" + i, ch)));
        List<String> claimedKeys = Collections.synchronizedList(new ArrayList<>());
        List<Integer> perWorker = concurrently(4, w -> {
            int mine = 0;
            while (true) {
                List<OutboxClaim> batch = outbox.claim(ch, t0, 5, "w" + w, Duration.ofMinutes(5));
                if (batch.isEmpty() && outbox.due(ch, t0, 1).isEmpty()) {
                    return mine;
                }
                for (OutboxClaim c : batch) {
                    claimedKeys.add(c.entry().key());
                    mine++;
                }
            }
        });
        assertThat(claimedKeys).hasSize(n).doesNotHaveDuplicates();
        assertThat(perWorker.stream().mapToInt(Integer::intValue).sum()).isEqualTo(n);
    }

    // ---------------------------------------------------------------- cursors

    @Test
    void cursorsPutGetAndCompareAndSet() {
        var cursors = store().cursors();
        String name = id("hubspot.deals.since");
        assertThat(cursors.get(name)).isEmpty();
        assertThat(cursors.compareAndSet(name, null, "2023-01-01T00:00:00Z")).isTrue();
        assertThat(cursors.compareAndSet(name, null, "other")).isFalse();
        assertThat(cursors.compareAndSet(name, "2023-01-01T00:00:00Z", "2023-01-02T00:00:00Z")).isTrue();
        assertThat(cursors.compareAndSet(name, "2023-01-01T00:00:00Z", "stale")).isFalse();
        assertThat(cursors.get(name)).contains("2023-01-02T00:00:00Z");
        cursors.put(name, "forced");
        cursors.put(id("fresh"), "new");
        assertThat(cursors.get(name)).contains("forced");
        assertThat(cursors.get(id("fresh"))).contains("new");
    }

    @Test
    void concurrentCursorAdvancesFromOneValueLetOneWin() throws Exception {
        var cursors = store().cursors();
        String name = id("poller");
        cursors.put(name, "0");
        List<Boolean> results = concurrently(8, i -> cursors.compareAndSet(name, "0", "by-" + i));
        assertThat(results).containsOnlyOnce(true);
    }

    /** Runs {@code task} on {@code threads} threads released together; returns their results. */
    protected static <T> List<T> concurrently(int threads, TaskOf<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int n = i;
                Callable<T> c = () -> {
                    start.await();
                    return task.run(n);
                };
                futures.add(pool.submit(c));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @FunctionalInterface
    protected interface TaskOf<T> {
        T run(int thread) throws Exception;
    }

    // ---------------------------------------------------------------- outbox backlog (monitoring)

    @Test
    void backlogCountsOpenEntriesPerStatusAndFindsTheEarliestDue() {
        Outbox outbox = store().outbox();
        // due long before anything other tests enqueue, so the earliest due time is this test's
        Instant old = Instant.parse("1971-01-01T00:00:00Z").plusMillis(Math.abs(run.hashCode() % 1000));
        OutboxBacklog before = outbox.backlog();
        String channel = "backlog-" + run;
        for (int i = 0; i < 3; i++) {
            outbox.enqueue(OutboxEntry.pending(id("b" + i), channel, "TestNote", "{}", old.plusSeconds(i)));
        }
        OutboxEntry held = outbox.claim(channel, old.plusSeconds(1), 1, "tck", Duration.ofMinutes(5)).get(0).entry();
        OutboxEntry doubtful = outbox.find(id("b1")).orElseThrow();
        outbox.markUncertain(doubtful, 1, old.plusSeconds(60), "TIMEOUT", old.plusSeconds(1));

        OutboxBacklog during = outbox.backlog();
        assertThat(during.pending() - before.pending()).isEqualTo(1);
        assertThat(during.inFlight() - before.inFlight()).isEqualTo(1);
        assertThat(during.uncertain() - before.uncertain()).isEqualTo(1);
        assertThat(during.depth() - before.depth()).isEqualTo(3);
        assertThat(during.oldestDue()).isEqualTo(old.plusSeconds(2));
        assertThat(during.age(old.plusSeconds(12))).isEqualTo(Duration.ofSeconds(10));

        outbox.markSent(held, "p-1", old.plusSeconds(2));
        outbox.markFailed(outbox.find(id("b1")).orElseThrow(), 2, "GAVE_UP", old.plusSeconds(2));
        outbox.markFailed(outbox.find(id("b2")).orElseThrow(), 1, "GAVE_UP", old.plusSeconds(2));
        assertThat(outbox.backlog().depth()).isEqualTo(before.depth());
    }
}
