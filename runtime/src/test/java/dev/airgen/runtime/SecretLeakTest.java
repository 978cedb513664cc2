package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import dev.airgen.runtime.fixtures.TextRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failure after failure with a server that echoes the key back (in JSON error fields, in bodies that are
 * not JSON, cut off mid-token, on the socket and in the authentication answer), then every log line,
 * exception text, stack trace and toString is searched for the key and for any piece of it.
 */
@Timeout(120)
class SecretLeakTest {

    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("dev.airgen.runtime");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            texts.add(record.getLevel() + " " + record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;
    private FakeServer server;

    @BeforeEach
    void start() throws Exception {
        previous = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(capture);
        server = new FakeServer();
    }

    @AfterEach
    void stop() {
        root.removeHandler(capture);
        root.setLevel(previous);
        server.close();
    }

    private void record(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        texts.add(out.toString());
        texts.add(String.valueOf(t));
        if (t instanceof RunwareException e) {
            texts.add(e.code() + " " + e.serverMessage() + " " + e.parameters() + " " + e.taskType() + " "
                    + e.documentation());
            if (e instanceof RunwareApiException api) {
                texts.add(String.valueOf(api.error()));
            }
        }
    }

    private void attempt(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            record(e);
        }
    }

    private static RunOptions quick() {
        return RunOptions.builder().timeout(Duration.ofMillis(400)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-proj-4fT9kQ2mZr9vXw4Lp8TnB3sYd6Hc", "8f1Zq0YV3kLmN5pR7tW2xC4vB6nM9aSd",
            "rw_live.k3Y-9vQ/2+zL0p=Hc7"})
    void theKeyNeverAppearsInLogsExceptionsOrToString(String key) throws Exception {
        String errorFields = "{\"errors\":[{\"code\":\"invalidApiKey " + key + "\",\"message\":\"key " + key + " was rejected\","
                + "\"parameter\":\"" + key + "\",\"taskType\":\"" + key + "\",\"documentation\":\"https://x/" + key + "\"}]}";
        try (RunwareClient client = RestClientTest.fastClient(server).apiKey(key).build()) {
            texts.add(client.toString());
            texts.add(RunwareClient.builder().apiKey(key).toString());

            server.script(json(401, errorFields));
            attempt(() -> client.run(ImageRequest.of("one")));

            server.script(json(503, errorFields), json(429, errorFields, "Retry-After", "0"));
            attempt(() -> client.run(ImageRequest.of("two"), quick()));

            // non-JSON bodies that start with the key, or cut off inside it
            server.script(json(200, key + " is not a JSON body"));
            attempt(() -> client.run(ImageRequest.of("three"), quick()));
            server.script(json(200, "{\"data\":[{\"taskType\":\"" + key));
            attempt(() -> client.run(ImageRequest.of("four"), quick()));
            server.script(json(500, "<html>" + key + "</html>"));
            attempt(() -> client.run(ImageRequest.of("five"), quick()));
            server.script(json(400, key));
            attempt(() -> client.run(ImageRequest.of("six"), quick()));

            server.script(FakeServer.sse(List.of("data: {\"errors\":[{\"code\":\"x\",\"message\":\"" + key + "\"}]}")));
            try {
                client.stream(new TextRequest("seven"), chunk -> { }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                record(e.getCause());
            }
            server.script(FakeServer.sse(List.of("data: {broken " + key)));
            try {
                client.stream(new TextRequest("eight"), chunk -> { }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                record(e.getCause());
            }

            server.handle(s -> "getResponse".equals(s.task().get("taskType").asString())
                    ? json(200, "{\"data\":[{\"taskUUID\":\"" + s.task().get("taskUUID").asString()
                    + "\",\"status\":\"error\",\"error\":{\"code\":\"taskFailed\",\"message\":\"" + key
                    + "\",\"parameter\":\"" + key + "\"}}]}")
                    : json(200, "{\"data\":[{\"taskUUID\":\"" + s.task().get("taskUUID").asString() + "\"}]}"));
            attempt(() -> client.submit(ImageRequest.of("nine")).await(Duration.ofSeconds(10)));

            attempt(() -> client.parseWebhook("{\"errors\":[{\"code\":\"x\",\"message\":\"" + key + "\"}]}", ImageResult.class));
            attempt(() -> client.parseWebhook(key, ImageResult.class));
        }
        java.net.URI dead = server.url();
        server.close();
        try (RunwareClient offline = RestClientTest.fastClient(server).apiKey(key).baseUrl(dead).build()) {
            attempt(() -> offline.run(ImageRequest.of("ten")));
        }

        try (FakeWebSocketServer ws = new FakeWebSocketServer();
             RunwareClient wsClient = RunwareClient.builder().apiKey(key).transport(Transport.WEBSOCKET)
                     .baseUrl("http://127.0.0.1:9/v1").webSocketUrl(ws.url()).timeout(Duration.ofSeconds(5))
                     .pollingPolicy(new PollingPolicy(Duration.ofMillis(20), 1.5, Duration.ofMillis(60), Duration.ofSeconds(5)))
                     .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).maxReconnectAttempts(1).build()) {
            texts.add(wsClient.toString());
            ws.handler = (task, peer) -> peer.send("{\"errors\":[{\"code\":\"x" + key + "\",\"message\":\"" + key
                    + "\",\"parameter\":\"" + key + "\",\"taskUUID\":\"" + task.get("taskUUID").asString() + "\"}]}");
            attempt(() -> wsClient.run(ImageRequest.of("eleven")));
            ws.handler = (task, peer) -> peer.send("{garbage " + key + " \"taskUUID\":\"" + task.get("taskUUID").asString() + "\"");
            attempt(() -> wsClient.run(ImageRequest.of("twelve"), quick()));
            ws.handler = (task, peer) -> peer.send(key);
            attempt(() -> wsClient.run(ImageRequest.of("thirteen"), quick()));
        }
        try (FakeWebSocketServer ws = new FakeWebSocketServer();
             RunwareClient wsClient = RunwareClient.builder().apiKey(key).transport(Transport.WEBSOCKET)
                     .baseUrl("http://127.0.0.1:9/v1").webSocketUrl(ws.url()).timeout(Duration.ofSeconds(5)).build()) {
            ws.authError = "{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"unknown key " + key + "\"}]}";
            attempt(() -> wsClient.run(ImageRequest.of("fourteen")));
        }

        List<String> leaks = new ArrayList<>();
        for (String text : texts) {
            for (int i = 0; i + 8 <= key.length(); i++) {
                if (text.contains(key.substring(i, i + 8))) {
                    leaks.add(text);
                    break;
                }
            }
        }
        assertThat(texts).hasSizeGreaterThan(20);
        assertThat(texts).as("the key was echoed and masked").anySatisfy(t -> assertThat(t).contains("***"));
        assertThat(texts).as("the runtime logged while it worked").anySatisfy(t -> assertThat(t).startsWith("FINE"));
        assertThat(leaks).as("texts holding the key or a piece of it").isEmpty();
    }
}
