package io.regla.rules.advising;

/**
 * The faculty a deal is routed by (advising 1.1.0 and later), derived by the rules before any routing: the faculty
 * its associated contacts agree on, or the deal's own when no contact has one. Not an action: nothing outside the
 * rules sees it.
 *
 * @param source {@link #FROM_CONTACTS} or {@link #FROM_DEAL}: where the faculty was read, for the notices' wording
 */
public record DealFaculty(String dealId, String faculty, String source) {

    public static final String FROM_CONTACTS = "CONTACT";
    public static final String FROM_DEAL = "DEAL";

    public boolean fromContacts() {
        return FROM_CONTACTS.equals(source);
    }
}
