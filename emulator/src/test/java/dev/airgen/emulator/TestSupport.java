package dev.airgen.emulator;

import dev.airgen.schema.snapshot.Snapshot;
import dev.airgen.schema.snapshot.SnapshotReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Plain java.net.http helpers shared by the tests; every wait has a deadline. */
final class TestSupport {
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final String KEY = "test-key";
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestSupport() {
    }

    static Path snapshotDir() {
        try {
            return Path.of(TestSupport.class.getClassLoader().getResource("test-snapshot").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Snapshot testSnapshot() {
        return SnapshotReader.read(snapshotDir());
    }

    /** A snapshot held in memory: a {@code schema-map.json} and, unless null, a {@code catalog.json}. */
    static Snapshot snapshotOf(String schemaMapJson, String catalogJson) {
        Map<String, byte[]> files = new java.util.HashMap<>();
        files.put("schema-map.json", schemaMapJson.getBytes(StandardCharsets.UTF_8));
        if (catalogJson != null) {
            files.put("catalog.json", catalogJson.getBytes(StandardCharsets.UTF_8));
        }
        return SnapshotReader.read(files);
    }

    /** The bytes of a snapshot's {@code schema-map.json}, as the releases endpoints serve them. */
    static byte[] schemaMapBytes(Snapshot snapshot) {
        return snapshot.bytes("schema-map.json").orElseThrow();
    }

    /** A copy of {@code snapshot} whose bundle says {@code version}, with the same catalog. */
    static Snapshot withVersion(Snapshot snapshot, String version) {
        ObjectNode map = (ObjectNode) JsonNodes.parse(schemaMapBytes(snapshot));
        map.put("version", version);
        return snapshotOf(JsonNodes.write(map), snapshot.bytes("catalog.json").map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null));
    }

    static RunwareEmulator.Builder builder() {
        return RunwareEmulator.builder().snapshot(testSnapshot()).taskDuration(Duration.ofMillis(100));
    }

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    static ObjectNode task(String taskType, String model) {
        ObjectNode t = JsonNodes.object();
        t.put("taskType", taskType);
        t.put("taskUUID", uuid());
        if (model != null) {
            t.put("model", model);
        }
        return t;
    }

    static ObjectNode image() {
        return task("imageInference", "test:image@1").put("positivePrompt", "a lighthouse").put("width", 256).put("height", 128);
    }

    static ObjectNode chat(String text) {
        ObjectNode t = task("textInference", "test:text@1");
        t.putArray("messages").addObject().put("role", "user").put("content", text);
        return t;
    }

    static String array(ObjectNode... tasks) {
        ArrayNode a = JsonNodes.array();
        for (ObjectNode t : tasks) {
            a.add(t);
        }
        return JsonNodes.write(a);
    }

    record Resp(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            return JsonNodes.parse(body);
        }

        JsonNode data(int i) {
            return json().path("data").get(i);
        }

        JsonNode error(int i) {
            return json().path("errors").get(i);
        }
    }

    static Resp post(URI uri, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(DEADLINE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length == 0) {
            b.header("Authorization", "Bearer " + KEY);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static Resp api(RunwareEmulator e, ObjectNode... tasks) {
        return post(e.baseUrl(), array(tasks));
    }

    /** Sends one task that must fail alone (400, no data) and returns its error, tagged with the task. */
    static JsonNode onlyError(RunwareEmulator e, ObjectNode task) {
        Resp r = api(e, task);
        if (r.status() != 400 || r.json().has("data")) {
            throw new AssertionError("expected a lone 400 error, got " + r.status() + " " + r.body());
        }
        JsonNode error = r.error(0);
        if (!error.path("taskUUID").asString("").equals(task.get("taskUUID").asString())
                || error.path("message").asString("").isBlank()) {
            throw new AssertionError("the error names no task or says nothing: " + error);
        }
        return error;
    }

    /** An error's {@code parameter}: one name, or the list of a cross-field rule. */
    static List<String> parameters(JsonNode error) {
        List<String> out = new ArrayList<>();
        JsonNode p = error.path("parameter");
        if (p.isArray()) {
            p.forEach(x -> out.add(x.asString()));
        } else if (p.isString()) {
            out.add(p.asString());
        }
        return out;
    }

    static Resp get(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(DEADLINE).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    static byte[] download(String url) {
        try {
            HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(DEADLINE).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static Resp send(HttpRequest req) {
        try {
            HttpResponse<String> r = CLIENT.send(req, HttpResponse.BodyHandlers.ofString());
            return new Resp(r.statusCode(), r.headers(), r.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls getResponse until {@code done} holds for the answer, or fails at the deadline. */
    static Resp pollUntil(RunwareEmulator e, String taskUUID, Predicate<Resp> done) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        Resp last = null;
        while (System.nanoTime() < end) {
            ObjectNode poll = JsonNodes.object().put("taskType", "getResponse").put("taskUUID", taskUUID);
            last = api(e, poll);
            if (done.test(last)) {
                return last;
            }
            sleep(30);
        }
        throw new AssertionError("getResponse never reached the expected state; last answer: " + (last == null ? null : last.body()));
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** A WebSocket client that queues every text frame it receives. */
    static final class Ws implements WebSocket.Listener, AutoCloseable {
        final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        final WebSocket socket;

        Ws(URI uri) {
            try {
                this.socket = CLIENT.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(uri, this).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("cannot connect to " + uri, e);
            }
        }

        static Ws open(RunwareEmulator e) {
            return new Ws(e.webSocketUrl());
        }

        /** Connects and authenticates; returns the connectionSessionUUID. */
        String auth(String sessionId) {
            ObjectNode a = JsonNodes.object().put("taskType", "authentication").put("apiKey", KEY);
            if (sessionId != null) {
                a.put("connectionSessionUUID", sessionId);
            }
            send(array(a));
            JsonNode reply = await(f -> f.path("data").path(0).path("taskType").asString("").equals("authentication"));
            return reply.path("data").get(0).get("connectionSessionUUID").asString();
        }

        void send(String text) {
            try {
                socket.sendText(text, true).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("send failed", e);
            }
        }

        String nextRaw(Duration wait) {
            try {
                return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Waits for the first frame matching {@code p}, skipping others; fails at the deadline. */
        JsonNode await(Predicate<JsonNode> p) {
            long end = System.nanoTime() + DEADLINE.toNanos();
            List<String> skipped = new ArrayList<>();
            while (System.nanoTime() < end) {
                String f = nextRaw(Duration.ofMillis(100));
                if (f == null) {
                    continue;
                }
                JsonNode n = JsonNodes.parse(f);
                if (p.test(n)) {
                    return n;
                }
                skipped.add(f);
            }
            throw new AssertionError("no matching frame before the deadline; other frames: " + skipped);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    static Predicate<JsonNode> dataFor(String taskUUID) {
        return f -> f.path("data").path(0).path("taskUUID").asString("").equals(taskUUID);
    }

    static Predicate<JsonNode> errorFor(String taskUUID) {
        return f -> f.path("errors").path(0).path("taskUUID").asString("").equals(taskUUID);
    }
}
