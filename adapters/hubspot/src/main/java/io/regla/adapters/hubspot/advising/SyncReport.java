package io.regla.adapters.hubspot.advising;

import io.regla.api.action.Alert;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one {@code regla advising sync} did.
 *
 * @param deals          deals read since the cursor
 * @param ownerChanges   owner PATCHes made (deals and contacts)
 * @param emailsQueued   new enrolment e-mails in the outbox (a re-run queues none)
 * @param emailsSent     e-mails HubSpot accepted in this run's dispatch
 * @param noticesCreated tasks created in this run's dispatch
 * @param alerts         alerts the rules raised
 * @param routedPerOwner deals whose owner is now the route's advisor, per owner id
 * @param cursorFrom     where the run started
 * @param cursorTo       where the next run starts
 */
public record SyncReport(int deals, int ownerChanges, int emailsQueued, int emailsSent, int noticesQueued,
                         int noticesCreated, List<Alert> alerts, Map<String, Integer> routedPerOwner,
                         Instant cursorFrom, Instant cursorTo) {

    public SyncReport {
        alerts = List.copyOf(alerts);
        routedPerOwner = Map.copyOf(routedPerOwner);
    }
}
