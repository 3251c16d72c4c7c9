package io.regla.adapters.hubspot.advising;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.api.action.NotifyInternal;
import io.regla.api.spi.Outbox;
import io.regla.api.spi.OutboxEntry;
import io.regla.api.spi.SendResult;
import io.regla.api.spi.StoreException;
import io.regla.core.facts.Json;
import io.regla.core.outbox.OutboxHandler;
import io.regla.core.outbox.UnreadablePayloadException;
import io.regla.rules.advising.Notices;

import java.time.Clock;
import java.util.Optional;

/**
 * Internal notices as HubSpot tasks through the outbox, keyed {@code AVISO:<deal>:<subject>}: a re-run that
 * decides the same notice enqueues nothing new. A task create is not idempotent in HubSpot, so an uncertain
 * create is reconciled by {@link #lookup}: a task with that subject already on the deal is the one created.
 */
public final class TaskNotices implements OutboxHandler {

    public static final String CHANNEL = "hubspot-task";
    static final String PAYLOAD_TYPE = "NotifyInternal";

    private final Outbox outbox;
    private final HubSpotCrm crm;
    private final Clock clock;

    public TaskNotices(Outbox outbox, HubSpotCrm crm, Clock clock) {
        this.outbox = outbox;
        this.crm = crm;
        this.clock = clock;
    }

    /** @return true if new, false if this notice was already in the outbox */
    public boolean enqueue(NotifyInternal notice) {
        String key = Notices.key(notice.dealId(), notice.subject());
        try {
            return outbox.enqueue(OutboxEntry.pending(key, CHANNEL, PAYLOAD_TYPE, Json.JSON.writeValueAsString(notice), clock.instant()));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise notice " + key, e);
        }
    }

    @Override
    public String name() {
        return "hubspot-tasks";
    }

    @Override
    public boolean idempotent() {
        return false;
    }

    @Override
    public SendResult deliver(OutboxEntry entry) {
        NotifyInternal notice = read(entry);
        String taskId = crm.createTask(notice.toOwnerId(), notice.subject(), notice.body(), notice.dealId(), clock.instant());
        return new SendResult(SendResult.Status.ACCEPTED, taskId, "task");
    }

    @Override
    public Optional<SendResult> lookup(String key) {
        NotifyInternal notice = outbox.find(key).map(TaskNotices::read)
                .orElseThrow(() -> new UnreadablePayloadException("notice " + key + " is not in the outbox", null));
        return crm.findTask(notice.dealId(), notice.subject()).map(id -> new SendResult(SendResult.Status.ACCEPTED, id, "task"));
    }

    private static NotifyInternal read(OutboxEntry entry) {
        try {
            return Json.JSON.readValue(entry.payload(), NotifyInternal.class);
        } catch (JsonProcessingException e) {
            throw new UnreadablePayloadException("notice " + entry.key() + ": " + e.getOriginalMessage(), e);
        }
    }
}
