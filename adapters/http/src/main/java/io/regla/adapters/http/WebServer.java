package io.regla.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.http.auth.SignInRoutes;
import io.regla.api.spi.ConcurrentUpdateException;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP platform on Javalin 7: listens, limits request bodies ({@link Builder#maxRequestBytes}, 413 beyond),
 * drops idle and slow clients ({@link Builder#idleTimeout}), signs people in ({@link SignInRoutes}), checks every
 * route's roles and CSRF ({@link AccessGuard}), writes every error in one JSON shape ({@link HttpError}), logs each
 * call without personal data ({@link AccessLog}), answers {@code GET /health}, and serves the {@link RouteModule}s
 * it is given. It knows no domain.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    public static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Javalin app;
    private final String host;

    private WebServer(Builder b) {
        AccessGuard guard = new AccessGuard(b.accounts);
        List<RouteModule> modules = new ArrayList<>();
        modules.add(new SignInRoutes(b.accounts, b.secureCookies));
        modules.addAll(b.modules);
        this.host = b.host;
        this.app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.http.maxRequestSize = b.maxRequestBytes;
            config.http.defaultContentType = "application/json";
            config.startup.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.jetty.addConnector((server, httpConfig) -> {
                httpConfig.setSendServerVersion(false);
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                connector.setHost(b.host);
                connector.setPort(b.port);
                // a client that stops sending (a slow or stalled body, a half-open connection) is dropped after this
                connector.setIdleTimeout(b.idleTimeout.toMillis());
                return connector;
            });
            config.requestLogger.http(new AccessLog());
            config.routes.before(ctx -> {
                if (ctx.contentLength() > b.maxRequestBytes) {
                    discardBody(ctx.req().getInputStream(), ctx.contentLength(), b.maxRequestBytes);
                    throw new HttpError(413, "PAYLOAD_TOO_LARGE", "the body is larger than " + b.maxRequestBytes + " bytes");
                }
                ctx.header("X-Content-Type-Options", "nosniff");
                ctx.header("Referrer-Policy", "same-origin");
                ctx.header("X-Frame-Options", "DENY");
            });
            config.routes.beforeMatched(guard::check);
            config.routes.exception(HttpError.class, (e, ctx) -> ErrorAnswers.answer(ctx, e));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> ErrorAnswers.answer(ctx, ErrorAnswers.of(e)));
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> ErrorAnswers.answer(ctx,
                    HttpError.badRequest(e instanceof BadRequestException bad ? bad.field() : null, e.getMessage())));
            config.routes.exception(ConcurrentUpdateException.class, (e, ctx) -> ErrorAnswers.answer(ctx,
                    new HttpError(409, "CONFLICT", "it changed meanwhile: read it again and retry")));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ErrorAnswers.answer(ctx, new HttpError(500, "INTERNAL", "internal error"));
            });
            Routes routes = new Routes(config.routes);
            routes.open(HandlerType.GET, "/health", ctx -> ctx.json(Map.of("status", "UP")));
            for (RouteModule module : modules) {
                module.register(routes);
            }
        });
        app.start();
    }

    /**
     * Reads and throws away a moderately oversized body (up to eight times the limit) before the 413 is written.
     * Why: a server that answers while the client is still sending closes a connection with unread bytes, the
     * kernel then resets it, and the client loses the 413 it was sent ("received no bytes"). A client that
     * asks {@code Expect: 100-continue} never sends the body at all; a body far beyond the limit is not read.
     */
    static void discardBody(InputStream body, long length, long limit) {
        if (length > limit * 8) {
            return;
        }
        byte[] buffer = new byte[8192];
        try {
            long left = length;
            int n;
            while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: there is nobody left to answer
        }
    }

    public static Builder builder(Accounts accounts) {
        return new Builder(accounts);
    }

    /** The port it listens on (the ephemeral one picked when asked for port 0). */
    public int port() {
        return ((ServerConnector) app.jettyServer().server().getConnectors()[0]).getLocalPort();
    }

    /** {@code http://host:port} */
    public URI uri() {
        return URI.create("http://" + host + ":" + port());
    }

    @Override
    public void close() {
        app.stop();
    }

    public static final class Builder {
        private final Accounts accounts;
        private String host = "127.0.0.1";
        private int port = 0;
        private long maxRequestBytes = 1_000_000;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private boolean secureCookies;
        private final List<RouteModule> modules = new ArrayList<>();

        private Builder(Accounts accounts) {
            this.accounts = Objects.requireNonNull(accounts, "accounts");
        }

        /** Where to listen (default: 127.0.0.1, an ephemeral port). */
        public Builder address(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /** The largest request body accepted (default 1 MB); a larger one is answered 413. */
        public Builder maxRequestBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 1024, was " + bytes);
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /** How long a connection may stay silent, mid-request included (default 30 s). */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Marks the session cookie {@code Secure} (behind HTTPS). */
        public Builder secureCookies(boolean secure) {
            this.secureCookies = secure;
            return this;
        }

        public Builder module(RouteModule module) {
            modules.add(Objects.requireNonNull(module, "module"));
            return this;
        }

        public WebServer start() {
            return new WebServer(this);
        }
    }
}
