package io.regla.adapters.mailchimp.audience;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.sync.PatientReader;
import io.regla.api.PersonalData;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.Store;
import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.EmailAddresses;
import io.regla.rules.mailing.MailingContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Mailchimp audience into {@link MailingContact} facts, so the mailing rules suppress what Mailchimp knows:
 * CLEANED (hard bounces) gets no mail, UNSUBSCRIBED (and archived) no survey.
 *
 * <p>{@code GET /lists/{list_id}/members} in pages of {@code count} by {@code offset}, newest change first
 * ({@code sort_field=last_changed&sort_dir=DESC}): a member that changes while the round pages moves to the front,
 * which only shifts the members not read yet towards the end (one may be read twice, none is skipped), and its new
 * change is newer than anything this round saw, so the next round reads it. (Oldest first would shift the unread
 * members towards the start and skip one at a page boundary.) Only a member deleted outright during a round can
 * make one unread member slip past; {@code --full} reads everyone. Every status is read: subscribed, unsubscribed,
 * cleaned, pending (transactional too). Each page is written in one store batch under the normalised address (the id the SQL import and the daily
 * run use), overwriting what the store had: Mailchimp is the truth for the addresses it holds. After the last page
 * the cursor {@code mailchimp.audience.<list>.since} keeps the newest {@code last_changed} seen less one second
 * (changes in the same second after the read are read again, never lost); the next round asks only for members
 * changed since. A round that fails leaves the cursor where it was.
 */
public final class AudienceSync {

    private static final Logger log = LoggerFactory.getLogger(AudienceSync.class);
    private static final String FIELDS = "members.email_address,members.status,members.last_changed,total_items";

    private final Store store;
    private final PatientReader reader;
    private final String listId;
    private final int pageSize;

    public AudienceSync(Store store, PatientReader reader, String listId, int pageSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.listId = MailchimpMarketingClient.pathId("list_id", listId);
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000 (Mailchimp's maximum count), was " + pageSize);
        }
        this.pageSize = pageSize;
    }

    public AudienceSync(Store store, MailchimpMarketingClient client, String listId) {
        this(store, new PatientReader(client), listId, 1000);
    }

    /** The cursor's name for an audience. */
    public static String cursorName(String listId) {
        return "mailchimp.audience." + listId + ".since";
    }

    /** The members changed since the last round (all of them the first time). */
    public AudienceSyncReport run() {
        return run(false);
    }

    /** @param full read every member, whatever the cursor says (the cursor still moves on) */
    public AudienceSyncReport run(boolean full) {
        Optional<Instant> since = full ? Optional.empty() : store.cursors().get(cursorName(listId)).map(Instant::parse);
        Map<ContactStatus, Integer> byStatus = new EnumMap<>(ContactStatus.class);
        List<String> rejected = new ArrayList<>();
        int pages = 0;
        int members = 0;
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        Instant newest = null;
        for (int offset = 0; ; offset += pageSize) {
            JsonNode page = reader.read("read audience members", query(since.orElse(null), offset));
            pages++;
            JsonNode list = page.path("members");
            List<FactWrite> writes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                members++;
                JsonNode m = list.get(i);
                try {
                    Member member = Member.parse(m);
                    writes.add(new FactWrite(EmailAddresses.normalize(member.email), new MailingContact(member.email, member.status)));
                    byStatus.merge(member.status, 1, Integer::sum);
                    if (member.lastChanged != null && (newest == null || member.lastChanged.isAfter(newest))) {
                        newest = member.lastChanged;
                    }
                } catch (IllegalArgumentException | DateTimeException e) {
                    String why = "member at offset " + (offset + i) + " ("
                            + PersonalData.maskEmail(m.path("email_address").asText("?")) + "): " + PersonalData.maskEmailsIn(e.getMessage());
                    rejected.add(why);
                    log.warn("audience {}: {}", listId, why);
                }
            }
            if (!writes.isEmpty()) {
                PutAllResult r = store.facts().putAll(writes);
                inserted += r.inserted();
                updated += r.updated();
                unchanged += r.unchanged();
            }
            // Fewer than asked for is the last page (total_items may change while paging).
            if (list.size() < pageSize) {
                break;
            }
        }
        Instant cursor = since.orElse(null);
        if (newest != null) {
            Instant next = newest.minusSeconds(1);
            cursor = cursor == null || next.isAfter(cursor) ? next : cursor;
            store.cursors().put(cursorName(listId), cursor.toString());
        }
        AudienceSyncReport report = new AudienceSyncReport(listId, since.orElse(null), pages, members, byStatus,
                inserted, updated, unchanged, rejected, cursor);
        log.info("{}", report.summary());
        return report;
    }

    private String query(Instant since, int offset) {
        StringBuilder q = new StringBuilder("/lists/").append(listId).append("/members?count=").append(pageSize)
                .append("&offset=").append(offset).append("&sort_field=last_changed&sort_dir=DESC&fields=")
                .append(URLEncoder.encode(FIELDS, StandardCharsets.UTF_8));
        if (since != null) {
            String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(since.atOffset(ZoneOffset.UTC));
            q.append("&since_last_changed=").append(URLEncoder.encode(iso, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private record Member(String email, ContactStatus status, Instant lastChanged) {
        static Member parse(JsonNode m) {
            String email = m.path("email_address").asText(null);
            if (email == null || email.isBlank()) {
                throw new IllegalArgumentException("email_address is missing");
            }
            // Mailchimp's statuses, archived read as unsubscribed (see the adapter's ContactStatus).
            io.regla.adapters.mailchimp.marketing.ContactStatus wire =
                    io.regla.adapters.mailchimp.marketing.ContactStatus.fromWire(m.path("status").asText(null));
            String changed = m.path("last_changed").asText(null);
            Instant lastChanged = changed == null || changed.isBlank() ? null : OffsetDateTime.parse(changed).toInstant();
            return new Member(email.trim(), ContactStatus.valueOf(wire.name()), lastChanged);
        }
    }
}
