package io.regla.core.audit;

import io.regla.api.Decision;
import io.regla.api.Trace;
import io.regla.api.Version;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariants of the bounded writer: while the log is stuck, offers never wait; exactly what does not fit
 * the queue is dropped and counted; once the log moves, everything queued is written in order, in
 * batches no larger than asked, and written + dropped accounts for every decision.
 */
class DecisionRecorderProperties {

    @Property(tries = 60)
    void aStuckLogDropsExactlyTheOverflowAndLosesNothingElse(@ForAll @IntRange(min = 1, max = 8) int capacity,
                                                             @ForAll @IntRange(min = 1, max = 5) int batchSize,
                                                             @ForAll @IntRange(min = 0, max = 30) int decisions) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MemoryDecisionLog log = new MemoryDecisionLog(release);
        DecisionRecorder recorder = new DecisionRecorder(log, Clock.systemUTC(), capacity, batchSize, Duration.ofSeconds(30));
        recorder.offer(pending(0));
        assertThat(log.entered.await(30, TimeUnit.SECONDS)).isTrue(); // the writer holds decision 0 inside write()

        int accepted = 0;
        for (int i = 1; i <= decisions; i++) {
            if (recorder.offer(pending(i))) accepted++;
        }
        assertThat(accepted).isEqualTo(Math.min(decisions, capacity));
        assertThat(recorder.dropped()).isEqualTo(Math.max(0, decisions - capacity));
        assertThat(recorder.queued()).isEqualTo(accepted);

        release.countDown();
        recorder.close();
        assertThat(recorder.written()).isEqualTo(accepted + 1);
        assertThat(recorder.written() + recorder.dropped()).isEqualTo(decisions + 1);
        assertThat(log.records).extracting(r -> r.asOf().getEpochSecond())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(0, accepted).boxed().toList());
        assertThat(log.batchSizes).allSatisfy(n -> assertThat(n).isBetween(1, batchSize));
    }

    private static DecisionRecorder.Pending pending(int i) {
        Decision d = new Decision("rs", Version.parse("1.0.0"), Instant.ofEpochSecond(i), List.of(), List.of(), Trace.DISABLED);
        return new DecisionRecorder.Pending(d, "c".repeat(64), List.of(), Instant.EPOCH);
    }
}
