package io.regla.adapters.mailchimp.sync;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a Mailchimp collection read by {@code count} and {@code offset} ends. */
public final class Pages {

    private Pages() {
    }

    /**
     * Whether the page just read was the last: it was empty, or the items read so far reach its {@code total_items}
     * (which may change while paging), or, without {@code total_items}, it held fewer items than asked for.
     *
     * @param page      the page's JSON
     * @param received  items on this page
     * @param readSoFar the offset after this page (items read before it plus {@code received})
     * @param count     the {@code count} asked for
     */
    public static boolean last(JsonNode page, int received, long readSoFar, int count) {
        JsonNode total = page.path("total_items");
        return received == 0 || (total.isNumber() ? readSoFar >= total.asLong() : received < count);
    }
}
