package io.regla.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic order generator: the same seed gives the same orders. The mix is tuned so every
 * bench-ref rule fires on part of the orders and an order emits about one action on average.
 */
public final class Orders {

    private static final String[] COUNTRIES = {"CL", "CL", "CL", "CL", "AR", "PE", "US"};
    private static final Category[] CATEGORIES = Category.values();
    private static final CustomerTier[] TIERS = CustomerTier.values();
    private static final PaymentMethod[] PAYMENTS = PaymentMethod.values();

    private Orders() {
    }

    public static List<Order> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Order> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            double amount = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(100);           // small
                case 1 -> 100 + random.nextInt(900);     // medium
                case 2 -> 1000 + random.nextInt(4000);   // large
                default -> 2000 + random.nextInt(8000);  // very large
            };
            out.add(new Order("O" + i, "C" + random.nextInt(count / 4 + 1), amount,
                    CATEGORIES[random.nextInt(CATEGORIES.length)], TIERS[random.nextInt(TIERS.length)],
                    COUNTRIES[random.nextInt(COUNTRIES.length)], 1 + random.nextInt(random.nextInt(10) == 0 ? 200 : 20),
                    PAYMENTS[random.nextInt(PAYMENTS.length)]));
        }
        return List.copyOf(out);
    }
}
