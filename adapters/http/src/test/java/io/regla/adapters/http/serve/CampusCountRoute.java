package io.regla.adapters.http.serve;

import io.regla.adapters.http.HttpResponse;
import io.regla.adapters.http.RouteExtension;
import io.regla.adapters.http.RouteExtensionFactory;
import io.regla.adapters.http.ServeContext;
import io.regla.rules.nursery.Campus;

import java.util.List;
import java.util.Map;

/**
 * A plug-in route as another module would contribute it (listed in this test's
 * {@code META-INF/services/io.regla.adapters.http.RouteExtensionFactory}): it reads the store {@code serve} runs on,
 * and is only served when its setting is in the environment.
 */
public final class CampusCountRoute implements RouteExtensionFactory {

    static final String ENV_ENABLED = "CAMPUS_COUNT_ROUTE";

    @Override
    public List<RouteExtension> create(ServeContext context) {
        if (context.env(ENV_ENABLED).isEmpty()) {
            return List.of();
        }
        return List.of(new RouteExtension() {
            @Override
            public String path() {
                return "/test/campus-count";
            }

            @Override
            public HttpResponse handle(io.regla.adapters.http.HttpRequest request) {
                return HttpResponse.ok(Map.of("campuses", context.store().facts().listAll(Campus.class).size()));
            }
        });
    }
}
