package io.regla.adapters.http.loyalty;

import io.regla.adapters.http.IdempotencyKeys;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.RouteModuleFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.rules.loyalty.LoyaltyProcessor;
import io.regla.rules.loyalty.ledger.LedgerStore;
import io.regla.rules.loyalty.ledger.PurchaseHistory;
import io.regla.rules.loyalty.service.LoyaltyService;
import io.regla.rules.loyalty.service.MemberDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Serves the loyalty API ({@link LoyaltyApi}) when the store keeps a ledger with its purchase history and the engine
 * has the {@code loyalty} rule set. Role {@code LOYALTY}: a service (or clerk) that posts events and reads balances;
 * {@code ADMIN} may do the same.
 */
public final class LoyaltyModuleFactory implements RouteModuleFactory {

    /** Another service of the bank calling the loyalty API (give it a token: {@code regla tokens create --role LOYALTY}). */
    public static final Role LOYALTY = new Role("LOYALTY", false);
    private static final Logger LOG = LoggerFactory.getLogger(LoyaltyModuleFactory.class);

    @Override
    public List<Role> roles() {
        return List.of(LOYALTY);
    }

    @Override
    public List<RouteModule> create(ServeContext context) {
        if (!(context.store() instanceof LedgerStore ledgers)) {
            LOG.info("the store keeps no points ledger: the loyalty API is not served");
            return List.of();
        }
        if (!(ledgers.ledger() instanceof PurchaseHistory)) {
            LOG.info("this store's ledger keeps no purchase history (refunds could not find their purchase): the loyalty API is not served");
            return List.of();
        }
        if (!context.engine().registry().ruleSets().contains(LoyaltyProcessor.RULE_SET)) {
            LOG.info("no '{}' rule set is loaded: the loyalty API is not served", LoyaltyProcessor.RULE_SET);
            return List.of();
        }
        return List.of(module(context, ledgers));
    }

    static LoyaltyApi module(ServeContext context, LedgerStore store) {
        LoyaltyService service = LoyaltyService.builder(context.engine(), store.ledger(), MemberDirectory.inFacts(store.facts()))
                .clock(context.clock()).build();
        return new LoyaltyApi(service, new IdempotencyKeys(store.facts(), context.clock(), Duration.ofSeconds(60)),
                context.clock(), context.zone(), Role.ADMIN, LOYALTY);
    }
}
