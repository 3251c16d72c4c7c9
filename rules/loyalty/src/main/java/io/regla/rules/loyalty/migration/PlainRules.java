package io.regla.rules.loyalty.migration;

import io.regla.rules.loyalty.LoyaltyRates;

/**
 * The bundled loyalty versions' rates ({@link LoyaltyRates}, where they live beside the domain's
 * {@link io.regla.rules.loyalty.PlainLoyaltyProcessor}) under the name the migration's {@link PlainReplay}, its
 * callers and tests know: {@code PlainRules.bundled()}, {@code PlainRules.Version}, {@code PlainRules.BUNDLED}.
 */
public final class PlainRules extends LoyaltyRates {

    private PlainRules() {
        super(bundledVersions());
    }

    public static PlainRules bundled() {
        return new PlainRules();
    }
}
