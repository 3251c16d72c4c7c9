package io.regla.adapters.advising;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regla.adapters.hubspot.HubSpotException;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.api.action.NotifyInternal;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxClaim;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.StoreException;
import io.regla.core.facts.Json;
import io.regla.core.outbox.RetryPolicy;
import io.regla.rules.advising.Notices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Internal notices through the outbox, as HubSpot tasks: keyed {@code AVISO:<deal>:<subject>}, so a re-run
 * that decides the same notice creates no second task. A task create is not idempotent in HubSpot and has no
 * lookup by key, so a create whose outcome is unknown (a timeout, a 5xx) is not repeated: the entry fails
 * with "uncertain" and a person checks the deal, rather than the owner getting the task twice.
 */
public final class NoticeOutbox {

    public static final String CHANNEL = "hubspot-task";
    private static final Logger LOG = LoggerFactory.getLogger(NoticeOutbox.class);

    private final Outbox outbox;
    private final HubSpotCrm crm;
    private final Clock clock;
    private final RetryPolicy retry;

    public NoticeOutbox(Outbox outbox, HubSpotCrm crm, Clock clock, RetryPolicy retry) {
        this.outbox = outbox;
        this.crm = crm;
        this.clock = clock;
        this.retry = retry;
    }

    /** @return true if new, false if this notice was already in the outbox */
    public boolean enqueue(NotifyInternal notice) {
        String key = Notices.key(notice.dealId(), notice.subject());
        try {
            return outbox.enqueue(OutboxEntry.pending(key, CHANNEL, "NotifyInternal", Json.JSON.writeValueAsString(notice), clock.instant()));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise notice " + key, e);
        }
    }

    /** What a dispatch pass did. */
    public record Report(int created, int retried, int failed) {
    }

    public Report dispatchDue() {
        int created = 0, retried = 0, failed = 0;
        while (true) {
            var batch = outbox.claim(CHANNEL, clock.instant(), 50, "advising-sync", Duration.ofMinutes(2));
            if (batch.isEmpty()) return new Report(created, retried, failed);
            for (OutboxClaim claim : batch) {
                OutboxEntry held = claim.entry();
                Instant now = clock.instant();
                if (claim.uncertain()) {
                    outbox.markFailed(held, held.attempts(), "UNCERTAIN: an earlier create may have reached HubSpot; check the deal's tasks", now);
                    failed++;
                    continue;
                }
                NotifyInternal notice;
                try {
                    notice = Json.JSON.readValue(held.payload(), NotifyInternal.class);
                } catch (JsonProcessingException e) {
                    outbox.markFailed(held, held.attempts(), "UNREADABLE: " + e.getOriginalMessage(), now);
                    failed++;
                    continue;
                }
                try {
                    String taskId = crm.createTask(notice.toOwnerId(), notice.subject(), notice.body(), notice.dealId(), now);
                    outbox.markSent(held, taskId, clock.instant());
                    created++;
                } catch (HubSpotException e) {
                    int attempts = held.attempts() + 1;
                    String error = e.code() + ": " + e.getMessage();
                    if (e.uncertain()) {
                        outbox.markFailed(held, attempts, "UNCERTAIN: " + error, clock.instant());
                        failed++;
                    } else if (e.retryable() && !retry.exhausted(attempts)) {
                        outbox.scheduleRetry(held, attempts, clock.instant().plus(retry.delay(attempts, e.retryAfter())), error, clock.instant());
                        retried++;
                    } else {
                        outbox.markFailed(held, attempts, error, clock.instant());
                        failed++;
                    }
                    LOG.warn("notice {}: {}", held.key(), error);
                }
            }
        }
    }
}
