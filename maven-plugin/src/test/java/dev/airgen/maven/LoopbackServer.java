package dev.airgen.maven;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A schemas server on the loopback interface that answers each path as the test scripts it: a body, a
 * redirect, a body that never ends, a drip, silence. It counts requests and bytes sent, so a test can tell
 * what a client did and did not fetch.
 */
final class LoopbackServer implements AutoCloseable {

    /** How one path is answered. */
    @FunctionalInterface
    interface Answer {
        void send(HttpExchange exchange, LoopbackServer server) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-schemas");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final AtomicLong bytesSent = new AtomicLong();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getRawPath();
            requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Answer answer = answers.get(path);
            try (exchange) {
                if (answer == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    answer.send(exchange, this);
                }
            } catch (IOException | InterruptedException gone) {
                // the client hung up, as the tests expect it to
            }
        });
        server.start();
    }

    /** The base URL, shaped like a schemas service root. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/schemas";
    }

    /** The origin, {@code http://127.0.0.1:port}. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    LoopbackServer on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** Answers {@code path} with a JSON body of known length. */
    LoopbackServer json(String path, byte[] body) {
        return on(path, (exchange, s) -> s.send(exchange, 200, body));
    }

    LoopbackServer redirect(String path, int status, String location) {
        return on(path, (exchange, s) -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
        });
    }

    void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
            bytesSent.addAndGet(body.length);
        }
    }

    /** Writes bytes of an open-ended (chunked) body and counts them. */
    void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        bytesSent.addAndGet(bytes.length);
    }

    int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
