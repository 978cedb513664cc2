package dev.airgen.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A scripted HTTP server on loopback for REST and SSE unit tests: each request is recorded and
 * answered by the test's handler.
 */
final class FakeServer implements AutoCloseable {

    /** What the server saw. */
    record Seen(String method, String path, Map<String, List<String>> headers, String body, long atNanos) {
        JsonNode json() {
            return Json.mapper().readTree(body);
        }

        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        /** The first task of the posted array. */
        JsonNode task() {
            return json().get(0);
        }
    }

    /** How to answer. */
    interface Reply {
        void write(HttpExchange exchange) throws IOException;
    }

    static Reply json(int status, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
            exchange.close();
        };
    }

    /** Announces {@code declared} bytes but sends only the body given, then closes. */
    static Reply truncated(String body, int declared) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, declared);
            OutputStream out = exchange.getResponseBody();
            out.write(body.getBytes(StandardCharsets.UTF_8));
            out.flush();
            exchange.close();
        };
    }

    /** Server-sent events: each element is one event (its lines), ended by a blank line and flushed. */
    static Reply sse(List<String> lines) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String line : lines) {
                    out.write((line + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            exchange.close();
        };
    }

    /** Never answers (until the server closes). */
    Reply hang() {
        return exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    /** Sends SSE lines, then goes silent without ending the body. */
    Reply sseThenSilence(List<String> lines) {
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String line : lines) {
                out.write((line + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        };
    }

    private final HttpServer server;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile Function<Seen, Reply> handler = s -> json(500, "{}");

    FakeServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Seen s = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body, System.nanoTime());
            seen.add(s);
            try {
                handler.apply(s).write(exchange);
            } catch (IOException | RuntimeException e) {
                exchange.close();
            }
        });
        server.start();
    }

    void handle(Function<Seen, Reply> h) {
        this.handler = h;
    }

    /** Answers the n-th request (0-based) with replies[n], the last one for all later requests. */
    void script(Reply... replies) {
        handle(s -> {
            int n = seen.size() - 1;
            return replies[Math.min(n, replies.length - 1)];
        });
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
