package io.regla.examples.vitamina;

import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.OutboxStatus;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import io.regla.api.spi.Store;
import io.regla.core.Regla;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.rules.mailing.EmailSent;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.h2.jdbcx.JdbcConnectionPool;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end through the application: a short simulated term (daily runs, directors' commands) whose outbox
 * dispatcher is killed at random points (before or after any outbox write, before or after the provider accepted a
 * mail). A later dispatcher resumes; in the end every mail the rules decided reached the provider exactly once and
 * is recorded exactly once as {@code EmailSent}.
 */
class OutboxCrashResumeProperties {

    /** What a killed process leaves behind: nothing after this point runs. Not an exception the dispatcher handles. */
    static final class Killed extends Error {
        Killed() {
            super("dispatcher killed", null, false, false);
        }
    }

    /** Decides where the dispatcher dies; off for the final clean-up pass. */
    static final class Killer {
        final Random random;
        final double rate;
        volatile boolean armed = true;
        int kills;

        Killer(long seed, double rate) {
            this.random = new Random(seed);
            this.rate = rate;
        }

        void maybeKill() {
            if (armed && random.nextDouble() < rate) {
                kills++;
                throw new Killed();
            }
        }
    }

    /** A provider without idempotency keys (like Mandrill): a resend would be a second mail. Counts what it got. */
    static final class Provider implements Mailer {
        final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        final Killer killer;

        Provider(Killer killer) {
            this.killer = killer;
        }

        @Override
        public String name() {
            return "provider";
        }

        @Override
        public boolean idempotent() {
            return false;
        }

        @Override
        public SendResult send(OutgoingEmail email) {
            killer.maybeKill();                                // died before calling the provider
            deliveries.merge(email.key(), 1, Integer::sum);
            killer.maybeKill();                                // the provider accepted it, the answer was lost
            return new SendResult(SendResult.Status.ACCEPTED, "id-" + email.key(), "queued");
        }

        @Override
        public Optional<SendResult> lookup(String key) {
            return deliveries.containsKey(key) ? Optional.of(new SendResult(SendResult.Status.ACCEPTED, "id-" + key, "found"))
                    : Optional.empty();
        }
    }

    /** The store's outbox, with a kill point before and after every state change. */
    record KillingOutbox(Outbox delegate, Killer killer) implements Outbox {
        @Override
        public boolean enqueue(OutboxEntry entry) {
            return delegate.enqueue(entry);
        }

        @Override
        public Optional<OutboxEntry> find(String key) {
            return delegate.find(key);
        }

        @Override
        public List<OutboxEntry> list(OutboxStatus status, int limit) {
            return delegate.list(status, limit);
        }

        @Override
        public List<OutboxEntry> due(String channel, Instant now, int limit) {
            return delegate.due(channel, now, limit);
        }

        @Override
        public boolean update(OutboxEntry expected, OutboxEntry next) {
            killer.maybeKill();
            boolean written = delegate.update(expected, next);
            killer.maybeKill();
            return written;
        }
    }

    static RulesEngine engine;

    @BeforeContainer
    static void engine() {
        engine = Regla.builder().bundledRules().build();
    }

    @AfterContainer
    static void close() {
        engine.close();
    }

    @Property(tries = 8)
    void every_mail_is_sent_exactly_once_however_the_dispatcher_dies(@ForAll @LongRange(min = 1, max = 1_000_000) long seed,
                                                                     @ForAll @DoubleRange(min = 0.01, max = 0.25) double killRate) {
        simulateWithCrashes(seed, killRate);
    }

    @Example
    void the_dispatcher_really_dies_and_resumes() {
        Killer killer = simulateWithCrashes(42, 0.2);
        assertThat(killer.kills).isGreaterThan(10);
    }

    private static Killer simulateWithCrashes(long seed, double killRate) {
        Killer killer = new Killer(seed, killRate);
        Provider provider = new Provider(killer);
        VitaminaSimulation.Config config = new VitaminaSimulation.Config(seed, 2, 30, LocalDate.of(2023, 3, 1),
                LocalDate.of(2023, 4, 5));
        VirtualClock clock = new VirtualClock(Instant.parse("2023-03-01T00:00:00Z"), VitaminaSimulation.Config.ZONE);
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        try (JdbcStore store = JdbcStore.open(pool, clock)) {
            VitaminaSimulation.Dispatch crashing = (s, mailer, c) -> drain(s, mailer, c, killer);
            VitaminaSimulation simulation = new VitaminaSimulation(config, engine, store, provider, crashing, clock);
            SemesterKpis kpis = simulation.run();

            // the operator restarts the dispatcher for good a day later
            killer.armed = false;
            clock.set(clock.instant().plus(Duration.ofDays(1)));
            EmailDispatcher.builder(store.outbox(), recordingMailer(store, provider, clock)).clock(clock).build().dispatchDue();

            for (OutboxStatus open : List.of(OutboxStatus.PENDING, OutboxStatus.IN_FLIGHT, OutboxStatus.UNCERTAIN, OutboxStatus.FAILED)) {
                assertThat(store.outbox().list(open, 1000)).as("outbox entries left %s", open).isEmpty();
            }
            assertThat(provider.deliveries).isNotEmpty();
            assertThat(provider.deliveries).allSatisfy((key, times) -> assertThat(times).as("deliveries of %s", key).isEqualTo(1));
            List<EmailSent> sent = store.facts().listAll(EmailSent.class);
            Set<String> sentKeys = sent.stream().map(EmailSent::key).collect(Collectors.toSet());
            assertThat(sent).hasSize(sentKeys.size());
            assertThat(sentKeys).isEqualTo(provider.deliveries.keySet());
            // measured before the clean-up pass: what the crashes had not let through yet comes on top
            assertThat(kpis.mailsByTemplate().values().stream().mapToInt(Integer::intValue).sum()).isLessThanOrEqualTo(sent.size());
            for (String key : sentKeys) {
                assertThat(store.outbox().find(key)).get().extracting(OutboxEntry::status).isEqualTo(OutboxStatus.SENT);
            }
        } finally {
            pool.dispose();
        }
        return killer;
    }

    private static void drain(Store store, Mailer mailer, Clock clock, Killer killer) {
        try {
            EmailDispatcher.builder(new KillingOutbox(store.outbox(), killer), mailer).clock(clock)
                    .lease(Duration.ofMinutes(5)).owner("dispatcher-" + UUID.randomUUID()).build().dispatchDue();
        } catch (Killed killed) {
            // the process died here; the next drain (hours later on the virtual clock) is a fresh dispatcher
        }
    }

    private static Mailer recordingMailer(Store store, Mailer provider, Clock clock) {
        return new io.regla.rules.nursery.admissions.SentRecordingMailer(provider, store.facts(), store.outbox(), clock);
    }
}
