package io.regla.adapters.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.regla.adapters.mailchimp.webhook.MandrillWebhook;
import io.regla.rules.nursery.admissions.NurseryService;
import io.regla.rules.nursery.admissions.UnknownEnrollmentException;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.api.spi.ConcurrentUpdateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;

/**
 * The back-office JSON API and the Mandrill webhook on the JDK's {@link HttpServer} (see {@link EnrollmentRoutes}
 * and {@link MandrillRoutes} for the routes). Errors are JSON too: 400 names the field, 404 the unknown
 * enrolment, 409 a concurrent change (read again and retry), 422 a rule's rejection.
 */
public final class BackOfficeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackOfficeServer.class);
    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final HttpServer server;
    private final ExecutorService executor;
    private final EnrollmentRoutes enrollments;
    private final MandrillRoutes mandrill;
    private final List<RouteExtension> extensions;

    private BackOfficeServer(Builder b) throws IOException {
        this.enrollments = new EnrollmentRoutes(b.service, JSON);
        this.mandrill = b.webhook == null ? null : new MandrillRoutes(b.webhook, b.events);
        this.extensions = List.copyOf(b.extensions);
        this.server = HttpServer.create(b.address, 0);
        this.executor = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "regla-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    public static Builder builder(NurseryService service) {
        return new Builder(service);
    }

    /** The port it listens on (the ephemeral one picked when asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port} */
    public URI uri() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange) {
        HttpResponse response;
        try {
            HttpRequest request = read(exchange);
            response = route(request);
        } catch (BadRequestException e) {
            response = HttpResponse.error(400, e.getMessage(), "field", e.field());
        } catch (IllegalArgumentException e) {
            response = HttpResponse.error(400, e.getMessage());
        } catch (UnknownEnrollmentException e) {
            response = HttpResponse.error(404, e.getMessage());
        } catch (ConcurrentUpdateException e) {
            response = HttpResponse.error(409, "the enrolment changed meanwhile: read it again and retry");
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            response = HttpResponse.error(500, "internal error");
        }
        write(exchange, response);
    }

    private HttpResponse route(HttpRequest request) {
        String path = request.uri().getPath();
        for (RouteExtension ext : extensions) {
            if (path.equals(ext.path()) || path.startsWith(ext.path() + "/")) {
                return ext.handle(request);
            }
        }
        if (mandrill != null && path.equals(MandrillRoutes.WEBHOOK)) {
            return mandrill.webhook(request);
        }
        if (mandrill != null && path.equals(MandrillRoutes.METRICS)) {
            return mandrill.metrics(request);
        }
        Matcher m = EnrollmentRoutes.CAMPUS_ENROLLMENTS.matcher(path);
        if (m.matches()) {
            return enrollments.campusEnrollments(request, m);
        }
        m = EnrollmentRoutes.ENROLLMENT.matcher(path);
        if (m.matches()) {
            return enrollments.enrollment(request, m);
        }
        return HttpResponse.error(404, "no route " + path);
    }

    private static HttpRequest read(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new HttpRequest(exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(HttpExchange exchange, HttpResponse response) {
        try (exchange) {
            byte[] bytes = response.body() == null ? new byte[0] : JSON.writeValueAsBytes(response.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            boolean noBody = bytes.length == 0 || "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : bytes.length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            LOG.info("could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e.toString());
        }
    }

    public static final class Builder {
        private final NurseryService service;
        private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private int threads = 4;
        private MandrillWebhook webhook;
        private DeliveryEventLog events;
        private final List<RouteExtension> extensions = new ArrayList<>();

        private Builder(NurseryService service) {
            this.service = Objects.requireNonNull(service, "service");
        }

        /** Where to listen (default: loopback, an ephemeral port). */
        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Serves the Mandrill webhook and the delivery metrics. */
        public Builder mandrill(MandrillWebhook webhook, DeliveryEventLog events) {
            this.webhook = Objects.requireNonNull(webhook, "webhook");
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** Plugs in another route (the HubSpot workflow webhook, say). */
        public Builder extension(RouteExtension extension) {
            Objects.requireNonNull(extension, "extension");
            String path = extension.path();
            if (path == null || !path.startsWith("/") || path.length() < 2) {
                throw new IllegalArgumentException("route extension " + extension.getClass().getName()
                        + ": path must start with / and name something, was '" + path + "'");
            }
            for (String builtIn : List.of("/campuses", "/enrollments", MandrillRoutes.WEBHOOK, MandrillRoutes.METRICS)) {
                if (builtIn.equals(path) || builtIn.startsWith(path + "/") || path.startsWith(builtIn + "/")) {
                    throw new IllegalArgumentException("route extension path " + path + " clashes with the built-in " + builtIn);
                }
            }
            extensions.add(extension);
            return this;
        }

        public BackOfficeServer start() {
            try {
                return new BackOfficeServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(), e);
            }
        }
    }
}
