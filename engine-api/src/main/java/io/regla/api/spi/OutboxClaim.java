package io.regla.api.spi;

/**
 * An entry a dispatcher now holds ({@link OutboxStatus#IN_FLIGHT} under its lease).
 *
 * @param entry the entry as stored after the claim
 * @param from  its status before the claim
 */
public record OutboxClaim(OutboxEntry entry, OutboxStatus from) {

    /**
     * Whether an earlier attempt may have reached the provider: it was {@link OutboxStatus#UNCERTAIN}, or
     * {@link OutboxStatus#IN_FLIGHT} under a lease that expired (its dispatcher died mid-call).
     */
    public boolean uncertain() {
        return from == OutboxStatus.UNCERTAIN || from == OutboxStatus.IN_FLIGHT;
    }
}
