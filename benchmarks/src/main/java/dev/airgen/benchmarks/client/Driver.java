package dev.airgen.benchmarks.client;

import dev.airgen.benchmarks.Requests;
import dev.airgen.benchmarks.models.BflFlux1DevRequest;
import dev.airgen.runtime.RetryPolicy;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.Transport;
import dev.airgen.runtime.internal.access.TypesAccess;
import dev.airgen.runtime.types.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Sends one typical FLUX task and completes when its result is back. */
public interface Driver extends AutoCloseable {

    String API_KEY = "benchmark-key";

    CompletableFuture<?> send();

    @Override
    void close() throws Exception;

    /** The AIRgen client: builds the request, validates it, sends it, reads the typed result. */
    static Driver airgen(Transport transport, URI rest, URI ws, boolean validation) {
        RunwareClient client = RunwareClient.builder()
                .apiKey(API_KEY)
                .baseUrl(rest)
                .webSocketUrl(ws)
                .allowInsecureHttp(true)
                .transport(transport)
                .validation(validation)
                .retryPolicy(RetryPolicy.NONE)
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        return new Driver() {
            @Override
            public CompletableFuture<?> send() {
                return client.runAsync(Requests.flux()).thenApply(Driver::requireOne);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    private static List<BflFlux1DevRequest.Result> requireOne(List<BflFlux1DevRequest.Result> results) {
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result, got " + results.size());
        }
        return results;
    }

    /**
     * The bytes the AIRgen client sends for {@link Requests#flux()}, as a template whose taskUUID is replaced
     * for every task (the server rejects a reused one), so the bare clients send exactly the same frames.
     */
    static String[] template() {
        String uuid = UUID.randomUUID().toString();
        String json = Json.mapper().writeValueAsString(Json.mapper().createArrayNode()
                .add(TypesAccess.tree(Requests.flux().toBuilder().taskUUID(uuid).build())));
        int at = json.indexOf(uuid);
        if (at < 0 || json.indexOf(uuid, at + 1) >= 0) {
            throw new IllegalStateException("taskUUID must occur exactly once in " + json);
        }
        return new String[] {json.substring(0, at), json.substring(at + uuid.length())};
    }

    /**
     * java.net.http alone over REST: POST the prepared bytes, wait for a 200 whose body names the task. A thread of
     * the client's own pool waits for each answer in {@code send}, as the AIRgen client does: {@code sendAsync} would
     * hand every answer to a thread started for it on a machine with fewer than three processors. Like the AIRgen
     * client's, its HTTP client runs java.net.http's own steps on the thread that reaches them.
     */
    static Driver bareRest(URI rest) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bare-rest");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(30)).executor(Runnable::run).build();
        String[] parts = template();
        return new Driver() {
            @Override
            public CompletableFuture<?> send() {
                String uuid = UUID.randomUUID().toString();
                HttpRequest request = HttpRequest.newBuilder(rest)
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + API_KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray((parts[0] + uuid + parts[1]).getBytes(StandardCharsets.UTF_8)))
                        .build();
                return CompletableFuture.supplyAsync(() -> {
                    HttpResponse<String> r;
                    try {
                        r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted", e);
                    }
                    if (r.statusCode() != 200 || !r.body().contains(uuid)) {
                        throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                    }
                    return r;
                }, pool);
            }

            @Override
            public void close() {
                pool.shutdown();
            }
        };
    }

    /**
     * java.net.http alone over one WebSocket: authenticate once, then send the prepared frames one writer
     * at a time and match answers to tasks by the taskUUID found in the text.
     */
    static Driver bareWebSocket(URI ws) throws Exception {
        return BareWebSocket.open(ws);
    }

    /** The bare WebSocket client. */
    final class BareWebSocket implements Driver, WebSocket.Listener {
        private static final String KEY = "\"taskUUID\":\"";
        private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
        private final CompletableFuture<String> authenticated = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private final String[] parts = template();
        private WebSocket socket;
        private CompletableFuture<?> writeTail = CompletableFuture.completedFuture(null);

        static BareWebSocket open(URI uri) throws Exception {
            BareWebSocket b = new BareWebSocket();
            b.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(uri, b).get(30, TimeUnit.SECONDS);
            b.write("[{\"taskType\":\"authentication\",\"apiKey\":\"" + API_KEY + "\"}]");
            b.authenticated.get(30, TimeUnit.SECONDS);
            return b;
        }

        @Override
        public CompletableFuture<?> send() {
            String uuid = UUID.randomUUID().toString();
            CompletableFuture<String> answer = new CompletableFuture<>();
            pending.put(uuid, answer);
            write(parts[0] + uuid + parts[1]);
            return answer;
        }

        private synchronized void write(String text) {
            writeTail = writeTail.thenCompose(v -> socket.sendText(text, true));
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                route(message);
            }
            webSocket.request(1);
            return null;
        }

        private void route(String message) {
            if (!authenticated.isDone()) {
                if (message.contains("\"authentication\"")) {
                    authenticated.complete(message);
                } else {
                    authenticated.completeExceptionally(new IllegalStateException("authentication failed: " + message));
                }
                return;
            }
            int at = 0;
            while ((at = message.indexOf(KEY, at)) >= 0) {
                int start = at + KEY.length();
                String uuid = message.substring(start, Math.min(message.length(), start + 36));
                CompletableFuture<String> f = pending.remove(uuid);
                if (f != null) {
                    if (message.contains("\"errors\"")) {
                        f.completeExceptionally(new IllegalStateException(message));
                    } else {
                        f.complete(message);
                    }
                }
                at = start;
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fail(new IllegalStateException("socket closed: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail(error);
        }

        private void fail(Throwable t) {
            authenticated.completeExceptionally(t);
            pending.values().forEach(f -> f.completeExceptionally(t));
        }

        @Override
        public void close() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        }
    }
}
