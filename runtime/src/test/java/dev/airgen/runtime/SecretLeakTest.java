package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.runtime.fixtures.ImageRequest;
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
import org.junit.jupiter.api.Test;

/**
 * Runs failure after failure, some with the server echoing the key back, and then searches every log
 * line, exception text, stack trace and toString for the key.
 */
class SecretLeakTest {

    private static final String KEY = RestClientTest.KEY;

    private final List<String> texts = new CopyOnWriteArrayList<>();
    private final Logger root = Logger.getLogger("dev.airgen.runtime");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            texts.add(record.getLevel() + " " + record.getMessage() + " " + String.valueOf(record.getThrown()));
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
    }

    private void attempt(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            record(e);
        }
    }

    @Test
    void theKeyNeverAppearsInLogsExceptionsOrToString() throws Exception {
        String echo = "{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"key " + KEY + " was rejected\","
                + "\"parameter\":\"apiKey\"}]}";
        try (RunwareClient client = RestClientTest.fastClient(server).build()) {
            texts.add(client.toString());
            texts.add(RunwareClient.builder().apiKey(KEY).toString());

            server.script(json(401, echo));
            attempt(() -> client.run(ImageRequest.of("one")));

            server.script(json(503, echo), json(429, echo, "Retry-After", "0"), json(500, "<html>" + KEY + "</html>"),
                    json(503, echo));
            attempt(() -> client.run(ImageRequest.of("two")));

            server.script(json(200, "{\"data\":[{\"taskType\":\"" + KEY));
            attempt(() -> client.run(ImageRequest.of("three")));

            server.script(FakeServer.sse(List.of("data: {\"errors\":[{\"code\":\"x\",\"message\":\"" + KEY + "\"}]}")));
            try {
                client.stream(new TextRequest("four"), chunk -> { }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                record(e.getCause());
            }

            server.script(FakeServer.sse(List.of("data: {broken " + KEY)));
            try {
                client.stream(new TextRequest("five"), chunk -> { }).get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                record(e.getCause());
            }

            server.handle(s -> "getResponse".equals(s.task().get("taskType").asString())
                    ? json(200, "{\"data\":[{\"taskUUID\":\"" + s.task().get("taskUUID").asString()
                    + "\",\"status\":\"error\",\"error\":{\"code\":\"taskFailed\",\"message\":\"" + KEY + "\"}}]}")
                    : json(200, "{\"data\":[{\"taskUUID\":\"" + s.task().get("taskUUID").asString() + "\"}]}"));
            attempt(() -> client.submit(ImageRequest.of("six")).await(Duration.ofSeconds(10)));

            attempt(() -> client.parseWebhook("{\"errors\":[{\"code\":\"x\",\"message\":\"" + KEY + "\"}]}",
                    dev.airgen.runtime.fixtures.ImageResult.class));
        }
        java.net.URI dead = server.url();
        server.close();
        try (RunwareClient offline = RestClientTest.fastClient(server).baseUrl(dead).build()) {
            attempt(() -> offline.run(ImageRequest.of("seven")));
        }

        try (FakeWebSocketServer ws = new FakeWebSocketServer();
             RunwareClient wsClient = RunwareClient.builder().apiKey(KEY).transport(Transport.WEBSOCKET)
                     .baseUrl("http://127.0.0.1:9/v1").webSocketUrl(ws.url()).timeout(Duration.ofSeconds(5))
                     .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).maxReconnectAttempts(1).build()) {
            texts.add(wsClient.toString());
            ws.handler = (task, peer) -> peer.send("{\"errors\":[{\"code\":\"x\",\"message\":\"" + KEY
                    + "\",\"taskUUID\":\"" + task.get("taskUUID").asString() + "\"}]}");
            attempt(() -> wsClient.run(ImageRequest.of("eight")));
            ws.handler = (task, peer) -> peer.send("{garbage " + KEY + " \"taskUUID\":\"" + task.get("taskUUID").asString()
                    + "\"");
            attempt(() -> wsClient.run(ImageRequest.of("nine")));
            ws.handler = (task, peer) -> peer.drop();
            var lost = wsClient.runAsync(ImageRequest.of("ten"));
            WebSocketTransportTest.waitUntil(() -> !ws.tasksOfType("imageInference").isEmpty()
                    && ws.tasks.stream().anyMatch(t -> t.toString().contains("ten")));
            ws.close();
            attempt(() -> RunwareClientTestSupport.join(lost));
        }
        try (FakeWebSocketServer ws = new FakeWebSocketServer();
             RunwareClient wsClient = RunwareClient.builder().apiKey(KEY).transport(Transport.WEBSOCKET)
                     .baseUrl("http://127.0.0.1:9/v1").webSocketUrl(ws.url()).timeout(Duration.ofSeconds(5)).build()) {
            ws.authError = "{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"unknown key " + KEY + "\"}]}";
            attempt(() -> wsClient.run(ImageRequest.of("eleven")));
        }

        List<String> leaks = new ArrayList<>();
        for (String text : texts) {
            if (text.contains(KEY)) {
                leaks.add(text);
            }
        }
        assertThat(texts).hasSizeGreaterThan(10);
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("***"));
        assertThat(texts).anySatisfy(t -> assertThat(t).contains("retrying"));
        assertThat(leaks).isEmpty();
    }
}
