package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

@Timeout(30)
class WebSocketTransportTest {

    private static final String KEY = RestClientTest.KEY;

    private FakeWebSocketServer ws;
    private RunwareClient client;

    @BeforeEach
    void start() throws Exception {
        ws = new FakeWebSocketServer();
        client = builder().build();
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        ws.close();
    }

    private RunwareClient.Builder builder() {
        return RunwareClient.builder()
                .apiKey(KEY)
                .transport(Transport.WEBSOCKET)
                .baseUrl("http://127.0.0.1:9/v1")
                .webSocketUrl(ws.url())
                .requestTimeout(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(10))
                .authTimeout(Duration.ofSeconds(2))
                .heartbeatInterval(Duration.ofMillis(100))
                .pongTimeout(Duration.ofMillis(1000))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                .maxReconnectAttempts(3)
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(20), 1.5, Duration.ofMillis(60), Duration.ofSeconds(10)));
    }

    @Test
    void authenticatesOnceAndRunsTasks() {
        ws.handler = FakeWebSocketServer.answerWith(1);
        ImageRequest first = ImageRequest.of("over the socket");
        ImageRequest second = ImageRequest.of("again");

        assertThat(client.run(first)).extracting(ImageResult::taskUUID).containsExactly(first.taskUUID());
        assertThat(client.run(second)).hasSize(1);

        assertThat(ws.connections.get()).isEqualTo(1);
        assertThat(ws.authFrames).singleElement().satisfies(a -> {
            assertThat(a.get("apiKey").asString()).isEqualTo(KEY);
            assertThat(a.has("connectionSessionUUID")).isFalse();
        });
        assertThat(ws.frames.get(0)).contains("authentication");
        assertThat(ws.frames.stream().filter(f -> f.contains(KEY))).hasSize(1);
    }

    @Test
    void multiResultItemsAcrossSeveralFramesComplete() {
        ws.handler = (task, peer) -> {
            for (int i = 0; i < 3; i++) {
                peer.sendLater("{\"data\":[" + FakeWebSocketServer.item(task, i) + "]}", 10L * i);
            }
        };
        assertThat(client.run(ImageRequest.of("three").withNumberResults(3))).hasSize(3);
    }

    @Test
    void aMessageSentInSeveralFramesIsReadWhole() {
        ws.handler = (task, peer) -> {
            if ("in pieces".equals(task.get("positivePrompt").asString())) {
                peer.sendInParts(FakeWebSocketServer.results(task, 2), 5);
            } else {
                peer.send(FakeWebSocketServer.results(task, 1));
            }
        };
        ImageRequest pieces = ImageRequest.of("in pieces").withNumberResults(2);

        assertThat(client.run(pieces)).extracting(ImageResult::taskUUID).containsExactly(pieces.taskUUID(),
                pieces.taskUUID());
        // The next message, in one frame, is not glued to the pieces of the one before.
        ImageRequest whole = ImageRequest.of("whole");
        assertThat(client.run(whole)).extracting(ImageResult::taskUUID).containsExactly(whole.taskUUID());
    }

    @Test
    void batchInOneFrameWithInterleavedAnswersAndOneFailure() {
        ImageRequest a = ImageRequest.of("alpha");
        ImageRequest b = ImageRequest.of("bravo");
        ImageRequest c = ImageRequest.of("charlie");
        ws.handler = (task, peer) -> {
            String uuid = task.get("taskUUID").asString();
            if (uuid.equals(b.taskUUID())) {
                peer.sendLater("{\"errors\":[{\"code\":\"invalidDimensions\",\"message\":\"no\",\"parameter\":"
                        + "[\"width\",\"height\"],\"taskUUID\":\"" + uuid + "\"}]}", 5);
            } else {
                peer.sendLater(FakeWebSocketServer.results(task, 1), uuid.equals(a.taskUUID()) ? 30 : 1);
            }
        };
        BatchResult batch = client.runBatch(List.of(a, b, c));
        assertThat(batch.succeeded()).containsExactly(a, c);
        assertThat(batch.failure(b)).get().satisfies(e -> assertThat(e.parameters()).containsExactly("width", "height"));
        long framesWithTasks = ws.frames.stream().filter(f -> f.contains("imageInference")).count();
        assertThat(framesWithTasks).isEqualTo(1);
    }

    @Test
    void droppedMidTaskResumesTheSessionAndDeliversExactlyOnce() {
        AtomicInteger seen = new AtomicInteger();
        ws.handler = (task, peer) -> {
            if (FakeWebSocketServer.isPoll(task)) {
                peer.send(FakeWebSocketServer.processing(task));
                return;
            }
            seen.incrementAndGet();
            peer.drop();
            peer.sendLater(FakeWebSocketServer.results(task, 2), 20);
        };
        ImageRequest request = ImageRequest.of("survive a drop").withNumberResults(2);

        List<ImageResult> results = client.run(request);

        assertThat(results).extracting(ImageResult::imageUUID).doesNotHaveDuplicates().hasSize(2);
        assertThat(ws.connections.get()).isGreaterThanOrEqualTo(2);
        assertResumed();
        assertThat(seen.get()).as("resumed session: the task is not sent twice").isEqualTo(1);
    }

    @Test
    void halfOpenSocketIsDetectedByTheHeartbeatAndReplaced() {
        ws.handler = (task, peer) -> {
            if (FakeWebSocketServer.isPoll(task)) {
                peer.send(FakeWebSocketServer.processing(task));
                return;
            }
            peer.mute();
            peer.sendLater(FakeWebSocketServer.results(task, 1), 10);
        };
        ImageRequest request = ImageRequest.of("silent line");

        List<ImageResult> results = client.run(request);

        assertThat(results).singleElement().satisfies(r -> assertThat(r.taskUUID()).isEqualTo(request.taskUUID()));
        assertThat(ws.connections.get()).isGreaterThanOrEqualTo(2);
        assertResumed();
        assertThat(ws.tasksOfType("imageInference")).hasSize(1);
    }

    /** Polls a condition for at most five seconds; fails the test if it never holds. */
    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not reached within 5 s");
            }
            Thread.sleep(5);
        }
    }

    /** The second authentication asked for the first session, and the server granted it again. */
    private void assertResumed() {
        assertThat(ws.authFrames.get(0).has("connectionSessionUUID")).isFalse();
        assertThat(ws.authFrames.get(1).get("connectionSessionUUID").asString()).isEqualTo(ws.grantedSessions.get(0));
        assertThat(ws.grantedSessions.get(1)).isEqualTo(ws.grantedSessions.get(0));
    }

    @Test
    void aTaskWhoseSessionIsLostIsAskedForByUUIDNotSentTwice() {
        ws.resumeAllowed = false;
        ws.handler = (task, peer) -> {
            if (FakeWebSocketServer.isPoll(task)) {
                peer.send(FakeWebSocketServer.finished(task, 1));
            } else {
                peer.drop();
            }
        };
        ImageRequest request = ImageRequest.of("lost session");
        assertThat(client.run(request)).hasSize(1);
        assertThat(ws.tasksOfType("imageInference")).hasSize(1);
        assertThat(ws.tasksOfType("getResponse")).isNotEmpty()
                .allSatisfy(t -> assertThat(t.get("taskUUID").asString()).isEqualTo(request.taskUUID()));
    }

    @Test
    void aTaskTheServerNeverGotIsSentAgainAfterItSaysSo() {
        ws.resumeAllowed = false;
        AtomicInteger sends = new AtomicInteger();
        ws.handler = (task, peer) -> {
            if (FakeWebSocketServer.isPoll(task)) {
                peer.send("{\"errors\":[{\"code\":\"taskNotFound\",\"message\":\"no such task\",\"taskUUID\":\""
                        + task.get("taskUUID").asString() + "\"}]}");
            } else if (sends.incrementAndGet() == 1) {
                peer.drop();   // as if the frame was lost on the way
            } else {
                peer.send(FakeWebSocketServer.results(task, 1));
            }
        };
        ImageRequest request = ImageRequest.of("lost frame");
        assertThat(client.run(request)).hasSize(1);
        assertThat(ws.tasksOfType("imageInference")).hasSize(2)
                .allSatisfy(t -> assertThat(t.get("taskUUID").asString()).isEqualTo(request.taskUUID()));
    }

    @Test
    void aServerThatStaysAwayEndsTheTaskAtItsDeadlineNamingTheProblem() throws Exception {
        ws.handler = (task, peer) -> peer.drop();
        CompletableFuture<List<ImageResult>> one = client.runAsync(ImageRequest.of("one"),
                RunOptions.builder().timeout(Duration.ofSeconds(3)).build());
        CompletableFuture<List<ImageResult>> two = client.runAsync(ImageRequest.of("two"),
                RunOptions.builder().timeout(Duration.ofSeconds(3)).build());
        // stop the server: every reconnect is refused
        waitUntil(() -> ws.tasksOfType("imageInference").size() >= 2);
        ws.close();
        for (CompletableFuture<List<ImageResult>> f : List.of(one, two)) {
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> RunwareClientTestSupport.join(f));
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("WebSocket");
        }
    }

    @Test
    void aServerThatIsNeverThereFailsAsAConnectionError() throws Exception {
        java.net.URI dead = ws.url();
        ws.close();
        try (RunwareClient c = builder().webSocketUrl(dead).maxReconnectAttempts(1)
                .retryPolicy(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20), 0)).build()) {
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> c.run(ImageRequest.of("anyone")));
            assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("127.0.0.1:" + dead.getPort());
        }
    }

    @Test
    void rejectedKeyFailsWithAnAuthErrorAndNoReconnectLoop() {
        ws.authError = "{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"Invalid API key\"}]}";
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("key?")));
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
        assertThat(e.isRetryable()).isFalse();
        assertThat(ws.connections.get()).isEqualTo(1);
    }

    @Test
    void legacyAuthErrorShapeIsUnderstood() {
        ws.authError = "{\"error\":true,\"errorMessageContentId\":1212,\"errorId\":19,\"errorMessage\":\"Invalid api key\"}";
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("old")));
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
    }

    @Test
    void aTruncatedFrameSendsItsTaskAskingByUUIDAndLeavesOthersAlone() throws Exception {
        ImageRequest victim = ImageRequest.of("victim");
        ImageRequest bystander = ImageRequest.of("bystander");
        ws.handler = (task, peer) -> {
            String uuid = task.get("taskUUID").asString();
            if (FakeWebSocketServer.isPoll(task)) {
                peer.send(FakeWebSocketServer.finished(task, 1));
            } else if (uuid.equals(victim.taskUUID())) {
                peer.send("{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\"" + uuid + "\",\"imageUUID\":");
            } else {
                peer.sendLater(FakeWebSocketServer.results(task, 1), 100);
            }
        };
        CompletableFuture<List<ImageResult>> ok = client.runAsync(bystander);
        assertThat(client.run(victim)).singleElement().satisfies(r -> assertThat(r.taskUUID()).isEqualTo(victim.taskUUID()));
        assertThat(RunwareClientTestSupport.join(ok)).hasSize(1);
        assertThat(ws.tasksOfType("imageInference")).hasSize(2);
        assertThat(ws.tasksOfType("getResponse")).allSatisfy(t ->
                assertThat(t.get("taskUUID").asString()).isEqualTo(victim.taskUUID()));
    }

    @Test
    void unroutableGarbageMakesEveryTaskAskForItselfInsteadOfFailing() {
        AtomicInteger frames = new AtomicInteger();
        ws.handler = (task, peer) -> {
            if (frames.incrementAndGet() == 1) {
                peer.send("<<not json>>");
            } else if (FakeWebSocketServer.isPoll(task)) {
                peer.send(FakeWebSocketServer.finished(task, 1));
            }
        };
        assertThat(client.run(ImageRequest.of("garbage"))).hasSize(1);
        assertThat(ws.tasksOfType("imageInference")).hasSize(1);
    }

    @Test
    void singularErrorKeyOnTheSocket() {
        ws.handler = (task, peer) -> peer.send("{\"error\":{\"code\":\"invalidPositivePrompt\",\"message\":\"bad\","
                + "\"parameter\":\"positivePrompt\",\"taskUUID\":\"" + task.get("taskUUID").asString() + "\"}}");
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("bad one")));
        assertThat(e.code()).isEqualTo("invalidPositivePrompt");
        assertThat(e.parameter()).isEqualTo("positivePrompt");
    }

    @Test
    void asyncDeliveryPollsOverTheSameSocket() {
        AtomicInteger polls = new AtomicInteger();
        ws.handler = (task, peer) -> {
            String uuid = task.get("taskUUID").asString();
            if ("getResponse".equals(task.get("taskType").asString())) {
                String item = polls.incrementAndGet() < 3
                        ? "{\"taskType\":\"imageInference\",\"taskUUID\":\"" + uuid + "\",\"status\":\"processing\",\"progress\":50}"
                        : "{\"taskType\":\"imageInference\",\"taskUUID\":\"" + uuid + "\",\"status\":\"success\",\"imageUUID\":\"done\"}";
                peer.send("{\"data\":[" + item + "]}");
            } else {
                peer.send("{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\"" + uuid + "\"}]}");
            }
        };
        List<Progress> progress = new ArrayList<>();
        TaskHandle<ImageResult> handle = client.submit(ImageRequest.of("async ws"));
        handle.onProgress(p -> {
            synchronized (progress) {
                progress.add(p);
            }
        });
        assertThat(handle.await(Duration.ofSeconds(10))).extracting(ImageResult::imageUUID).containsExactly("done");
        assertThat(ws.connections.get()).isEqualTo(1);
        assertThat(ws.tasksOfType("getResponse")).hasSize(3);
    }

    @Test
    void silentServerHitsTheDeadline() {
        try (RunwareClient quick = builder().timeout(Duration.ofMillis(300)).build()) {
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> quick.run(ImageRequest.of("hello?")));
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
        }
    }

    @Test
    void manyConcurrentCallsShareOneSocketThroughOneWriter() throws Exception {
        ws.handler = FakeWebSocketServer.answerWith(1);
        List<CompletableFuture<List<ImageResult>>> futures = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<ImageRequest> requests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            requests.add(ImageRequest.of("parallel " + i));
        }
        for (int t = 0; t < 6; t++) {
            int from = t * 10;
            Thread thread = new Thread(() -> {
                for (int i = from; i < from + 10; i++) {
                    CompletableFuture<List<ImageResult>> f = client.runAsync(requests.get(i));
                    synchronized (futures) {
                        futures.add(f);
                    }
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        for (CompletableFuture<List<ImageResult>> f : futures) {
            assertThat(f.get(10, TimeUnit.SECONDS)).hasSize(1);
        }
        assertThat(futures).hasSize(60);
        assertThat(ws.tasksOfType("imageInference")).extracting(t -> t.get("taskUUID").asString()).doesNotHaveDuplicates()
                .hasSize(60);
    }

    @Test
    void heartbeatPingsAnIdleConnection() throws Exception {
        ws.handler = FakeWebSocketServer.answerWith(1);
        client.run(ImageRequest.of("then idle"));
        waitUntil(() -> ws.pings.get() >= 2);
        assertThat(ws.pings.get()).isGreaterThanOrEqualTo(2);
        assertThat(ws.connections.get()).isEqualTo(1);
    }

    @Test
    void closingTheClientFailsPendingTasks() throws Exception {
        CompletableFuture<List<ImageResult>> pending = client.runAsync(ImageRequest.of("never answered"));
        waitUntil(() -> !ws.tasksOfType("imageInference").isEmpty());
        client.close();
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> RunwareClientTestSupport.join(pending));
        assertThat(e.category()).isEqualTo(ErrorCategory.ABORTED);
    }
}
