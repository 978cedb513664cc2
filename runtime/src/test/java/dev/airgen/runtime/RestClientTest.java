package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import dev.airgen.runtime.fixtures.MapRequest;
import dev.airgen.runtime.types.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class RestClientTest {

    static final String KEY = "rw-test-key-7f3a9c1e55d0";

    private FakeServer server;
    private RunwareClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = fastClient(server).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    static RunwareClient.Builder fastClient(FakeServer server) {
        return RunwareClient.builder()
                .apiKey(KEY)
                .baseUrl(server.url())
                .requestTimeout(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(20))
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), 0.2))
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(20), 1.5, Duration.ofMillis(60), Duration.ofSeconds(10)));
    }

    static String image(String taskUUID, int i) {
        return "{\"taskType\":\"imageInference\",\"taskUUID\":\"" + taskUUID + "\",\"imageUUID\":\"img-" + i
                + "\",\"imageURL\":\"https://im.example/" + i + ".png\",\"cost\":0.002,\"seed\":" + i + "}";
    }

    @Test
    void runPostsAnArrayWithBearerAuthAndReadsTypedResults() {
        ImageRequest request = ImageRequest.of("a lighthouse at dusk");
        server.script(json(200, "{\"data\":[" + image(request.taskUUID(), 1) + "]}"));

        List<ImageResult> results = client.run(request);

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.imageUUID()).isEqualTo("img-1");
            assertThat(r.taskUUID()).isEqualTo(request.taskUUID());
            assertThat(r.additionalProperties()).containsEntry("seed", JsonValue.of(1));
        });
        FakeServer.Seen seen = server.seen().get(0);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(seen.header("Content-Type")).startsWith("application/json");
        JsonNode body = seen.json();
        assertThat(body.isArray()).isTrue();
        assertThat(body.size()).isEqualTo(1);
        assertThat(body.get(0).get("taskType").asString()).isEqualTo("imageInference");
        assertThat(body.get(0).get("taskUUID").asString()).isEqualTo(request.taskUUID());
        assertThat(body.get(0).get("positivePrompt").asString()).isEqualTo("a lighthouse at dusk");
    }

    @Test
    void multiResultTaskReturnsEveryItem() {
        ImageRequest request = ImageRequest.of("four cats").withNumberResults(3);
        server.script(json(200, "{\"data\":[" + image(request.taskUUID(), 1) + "," + image(request.taskUUID(), 2)
                + "," + image(request.taskUUID(), 3) + "]}"));
        assertThat(client.run(request)).extracting(ImageResult::imageUUID).containsExactly("img-1", "img-2", "img-3");
        assertThat(server.seen().get(0).task().get("numberResults").asInt()).isEqualTo(3);
    }

    @Test
    void batchWithMixedSuccessAndFailureKeepsTheSuccesses() {
        ImageRequest ok = ImageRequest.of("first");
        ImageRequest rejected = ImageRequest.of("second");
        ImageRequest invalid = ImageRequest.of("x"); // too short: fails locally, never sent
        server.script(json(200, "{\"data\":[" + image(ok.taskUUID(), 1) + "],\"errors\":[{\"code\":\"invalidModel\","
                + "\"message\":\"model not allowed\",\"parameter\":\"model\",\"taskType\":\"imageInference\","
                + "\"taskUUID\":\"" + rejected.taskUUID() + "\"}]}"));

        BatchResult batch = client.runBatch(List.of(ok, rejected, invalid));

        assertThat(batch.size()).isEqualTo(3);
        assertThat(batch.results(ok)).extracting(ImageResult::imageUUID).containsExactly("img-1");
        assertThat(batch.failure(rejected)).get().satisfies(e -> {
            assertThat(e.code()).isEqualTo("invalidModel");
            assertThat(e.parameter()).isEqualTo("model");
            assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
            assertThat(e.taskUUID()).isEqualTo(rejected.taskUUID());
        });
        assertThat(batch.failure(invalid)).get().isInstanceOf(RunwareValidationException.class)
                .satisfies(e -> assertThat(e.parameters()).containsExactly("positivePrompt"));
        assertThat(batch.succeeded()).containsExactly(ok);
        assertThat(batch.failed()).containsExactly(rejected, invalid);
        assertThatThrownBy(() -> batch.results(rejected)).isInstanceOf(RunwareApiException.class);
        JsonNode sent = server.seen().get(0).json();
        assertThat(sent.size()).isEqualTo(2);
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void rateLimitWithRetryAfterIsRetriedWithTheSameTaskUUID() {
        ImageRequest request = ImageRequest.of("retry me");
        server.script(json(429, "{\"errors\":[{\"code\":\"rateLimitExceeded\",\"message\":\"slow down\"}]}",
                        "Retry-After", "1"),
                json(200, "{\"data\":[" + image(request.taskUUID(), 1) + "]}"));

        assertThat(client.run(request)).hasSize(1);

        List<FakeServer.Seen> seen = server.seen();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(1).task().get("taskUUID").asString()).isEqualTo(request.taskUUID());
        assertThat(seen.get(1).body()).isEqualTo(seen.get(0).body());
        // Retry-After: 1 is honoured although the policy's own backoff is 10 ms
        assertThat(TimeUnit.NANOSECONDS.toMillis(seen.get(1).atNanos() - seen.get(0).atNanos())).isGreaterThanOrEqualTo(900);
    }

    @Test
    void serviceUnavailableThenSuccess() {
        ImageRequest request = ImageRequest.of("busy");
        server.script(json(503, "", "Retry-After", "0"), json(503, "<html>busy</html>"),
                json(200, "{\"data\":[" + image(request.taskUUID(), 1) + "]}"));
        assertThat(client.run(request)).hasSize(1);
        assertThat(server.seen()).hasSize(3);
    }

    @Test
    void exhaustedRetriesReportTheLastRetryableFailure() {
        server.script(json(429, "{\"errors\":[{\"code\":\"rateLimitExceeded\",\"message\":\"slow down\"}]}"));
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("again")));
        assertThat(e.category()).isEqualTo(ErrorCategory.RATE_LIMIT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(429);
        assertThat(server.seen()).hasSize(4);
    }

    @Test
    void nonRetryableErrorIsNotRetried() {
        ImageRequest request = ImageRequest.of("bad");
        server.script(json(400, "{\"errors\":[{\"code\":\"invalidPositivePrompt\",\"message\":\"prompt rejected\","
                + "\"parameter\":\"positivePrompt\",\"taskUUID\":\"" + request.taskUUID() + "\","
                + "\"documentation\":\"https://runware.ai/docs/x\"}]}"));
        RunwareApiException e = catchThrowableOfType(RunwareApiException.class, () -> client.run(request));
        assertThat(e.code()).isEqualTo("invalidPositivePrompt");
        assertThat(e.parameters()).containsExactly("positivePrompt");
        assertThat(e.documentation()).isEqualTo("https://runware.ai/docs/x");
        assertThat(e.taskType()).isEqualTo("imageInference");
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).contains("invalidPositivePrompt", "positivePrompt", request.taskUUID());
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void singularErrorEnvelopeAndParameterArray() {
        ImageRequest request = ImageRequest.of("sizes");
        server.script(json(400, "{\"error\":{\"code\":\"invalidDimensions\",\"message\":\"unsupported size\","
                + "\"parameter\":[\"width\",\"height\"]},\"taskUUID\":\"" + request.taskUUID() + "\"}"));
        RunwareApiException e = catchThrowableOfType(RunwareApiException.class, () -> client.run(request));
        assertThat(e.parameters()).containsExactly("width", "height");
        assertThat(e.parameter()).isEqualTo("width");
        assertThat(e.taskUUID()).isEqualTo(request.taskUUID());
        assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
    }

    /** A body of whitespace only counts as empty. */
    @ParameterizedTest
    @ValueSource(strings = {"", " \r\n\t "})
    void unauthorizedWithEmptyBodyIsAnAuthError(String body) {
        server.script(json(401, body));
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("who")));
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
        assertThat(e.code()).isEqualTo("invalidApiKey");
        assertThat(e.isRetryable()).isFalse();
        assertThat(server.seen()).hasSize(1);
    }

    /** Answers the task with {@code first}; every getResponse for it with the finished image. */
    private void firstAnswerThenRecovery(FakeServer.Reply first) {
        server.handle(s -> "getResponse".equals(s.task().get("taskType").asString())
                ? json(200, "{\"data\":[" + image(s.task().get("taskUUID").asString(), 7).replace("}", ",\"status\":\"success\"}") + "]}")
                : first);
    }

    @Test
    void anUnreadableAnswerIsRecoveredByTaskUUIDWithoutSendingTheTaskTwice() {
        for (String body : List.of("{\"data\":[{\"taskType\":\"imageInference\"", "[1,2,3]", "{\"hello\":\"world\"}",
                "{\"data\":[]}")) {
            server.close();
            try {
                server = new FakeServer();
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            firstAnswerThenRecovery(json(200, body));
            ImageRequest request = ImageRequest.of("cut");
            try (RunwareClient c = fastClient(server).build()) {
                assertThat(c.run(request)).as(body).singleElement()
                        .satisfies(r -> assertThat(r.imageUUID()).isEqualTo("img-7"));
            }
            List<FakeServer.Seen> seen = server.seen();
            assertThat(seen.get(0).task().get("taskType").asString()).isEqualTo("imageInference");
            assertThat(seen.subList(1, seen.size())).as(body).allSatisfy(s -> {
                assertThat(s.task().get("taskType").asString()).isEqualTo("getResponse");
                assertThat(s.task().get("taskUUID").asString()).isEqualTo(request.taskUUID());
            });
        }
    }

    @Test
    void aTruncatedAnswerIsRecoveredByTaskUUID() {
        firstAnswerThenRecovery(FakeServer.truncated("{\"data\":[{\"taskType\":", 500));
        ImageRequest request = ImageRequest.of("cut");
        assertThat(client.run(request)).singleElement().satisfies(r -> assertThat(r.imageUUID()).isEqualTo("img-7"));
        assertThat(server.seen()).filteredOn(s -> s.task().get("taskType").asString().equals("imageInference")).hasSize(1);
    }

    @Test
    void answersThatStayUnreadableEndInATimeoutThatNamesTheProblem() {
        server.script(json(200, "{\"data\":[{\"taskType\":\"imageInference\""));
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("cut"),
                RunOptions.builder().timeout(Duration.ofMillis(800)).build()));
        assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(e.isRetryable()).isTrue();
        assertThat(e.getMessage()).contains("malformedResponse", "not valid JSON");
        assertThat(server.seen()).filteredOn(s -> s.task().get("taskType").asString().equals("imageInference")).hasSize(1);
    }

    @Test
    void aTaskTheServerFailedIsNotRetriedAndKeepsItsOwnError() {
        ImageRequest request = ImageRequest.of("fails");
        server.script(json(500, "{\"errors\":[{\"code\":\"inferenceError\",\"message\":\"the provider failed\","
                + "\"taskUUID\":\"" + request.taskUUID() + "\"}]}"), json(503, "", "Retry-After", "0"));
        RunwareApiException e = catchThrowableOfType(RunwareApiException.class, () -> client.run(request));
        assertThat(e.code()).isEqualTo("inferenceError");
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void answersArriveOnTheClientsOwnThreads() throws Exception {
        ImageRequest request = ImageRequest.of("a slow answer");
        server.script(exchange -> {
            try {
                Thread.sleep(150);   // so that the caller attaches its stage before the answer arrives
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            json(200, "{\"data\":[" + image(request.taskUUID(), 1) + "]}").write(exchange);
        });
        String thread = client.runAsync(request).thenApply(r -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        // Not a thread started for this one answer, as CompletableFuture's default executor does on small machines.
        assertThat(thread).startsWith("airgen-runtime-");
    }

    @Test
    void aCallersStageMayWaitForAnotherTask() throws Exception {
        // java.net.http reads answers on its selector thread: a stage that ran there and waited would stop every answer.
        server.handle(seen -> json(200, "{\"data\":[" + image(seen.task().get("taskUUID").asString(), 1) + "]}"));
        ImageRequest first = ImageRequest.of("first");
        ImageRequest second = ImageRequest.of("second");
        List<ImageResult> nested = client.runAsync(first).thenApply(r -> client.run(second)).get(10, TimeUnit.SECONDS);
        assertThat(nested).singleElement().satisfies(r -> assertThat(r.imageUUID()).isEqualTo("img-1"));
        assertThat(server.seen()).hasSize(2);
    }

    @Test
    void overRestOnItsOwnPoolJavaNetHttpRunsItsStepsOnTheThreadThatReachesThem() {
        java.util.concurrent.Executor pool = task -> {
            throw new AssertionError("not for java.net.http's own steps");
        };
        Thread[] ran = new Thread[1];
        RunwareClient.httpExecutor(Transport.REST, true, pool).execute(() -> ran[0] = Thread.currentThread());
        assertThat(ran[0]).isSameAs(Thread.currentThread());
        // Over WebSocket, and with a supplied executor, its callbacks lead to the caller's code: they keep the executor.
        assertThat(RunwareClient.httpExecutor(Transport.WEBSOCKET, true, pool)).isSameAs(pool);
        assertThat(RunwareClient.httpExecutor(Transport.REST, false, pool)).isSameAs(pool);
    }

    @Test
    void aSuppliedSingleThreadExecutorStillGetsAnswers() throws Exception {
        java.util.concurrent.ExecutorService one = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (RunwareClient c = fastClient(server).executor(one).build()) {
            ImageRequest first = ImageRequest.of("one");
            ImageRequest second = ImageRequest.of("two");
            server.handle(seen -> {
                String uuid = seen.task().get("taskUUID").asString();
                return json(200, "{\"data\":[" + image(uuid, uuid.equals(first.taskUUID()) ? 1 : 2) + "]}");
            });
            CompletableFuture<List<ImageResult>> a = c.runAsync(first);
            CompletableFuture<List<ImageResult>> b = c.runAsync(second);
            assertThat(a.get(10, TimeUnit.SECONDS)).singleElement().satisfies(r -> assertThat(r.imageUUID()).isEqualTo("img-1"));
            assertThat(b.get(10, TimeUnit.SECONDS)).singleElement().satisfies(r -> assertThat(r.imageUUID()).isEqualTo("img-2"));
        } finally {
            one.shutdownNow();
        }
    }

    @Test
    void silentServerHitsTheRequestTimeout() {
        server.handle(s -> server.hang());
        // Every attempt to recover the task by its UUID hangs too, so the run ends at its own deadline.
        try (RunwareClient quick = fastClient(server).requestTimeout(Duration.ofMillis(200)).timeout(Duration.ofSeconds(1))
                .retryPolicy(RetryPolicy.NONE).build()) {
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> quick.run(ImageRequest.of("wait")));
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(e.isRetryable()).isTrue();
        }
    }

    @Test
    void refusedConnectionIsAConnectionError() {
        java.net.URI dead = server.url();
        server.close();
        try (RunwareClient c = fastClient(server).baseUrl(dead).build()) {
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> c.run(ImageRequest.of("anyone")));
            assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION);
            assertThat(e.isRetryable()).isTrue();
            assertThat(e.getMessage()).contains("127.0.0.1:" + dead.getPort(), "ConnectException");
        }
    }

    @Test
    void validationFailureSendsNothing() {
        RunwareValidationException e = catchThrowableOfType(RunwareValidationException.class,
                () -> client.run(ImageRequest.of("ok prompt").withSize(100, 4096)));
        assertThat(e.parameters()).containsExactly("width", "height");
        assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(e.violations()).extracting(v -> v.keyword()).containsExactly("minimum", "multipleOf", "maximum");
        assertThat(server.seen()).isEmpty();

        CompletableFuture<List<ImageResult>> f = client.runAsync(ImageRequest.of("x"));
        assertThat(f).isCompletedExceptionally();
    }

    @Test
    void validationCanBeSwitchedOff() {
        ImageRequest request = ImageRequest.of("x");
        server.script(json(200, "{\"data\":[" + image(request.taskUUID(), 1) + "]}"));
        try (RunwareClient unchecked = fastClient(server).validation(false).build()) {
            assertThat(unchecked.run(request)).hasSize(1);
        }
    }

    @Test
    void untypedRunWithAMap() {
        server.handle(s -> json(200, "{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\""
                + s.task().get("taskUUID").asString() + "\",\"imageUUID\":\"u1\"}]}"));
        List<JsonValue> items = client.run(Map.of("taskType", "imageInference", "model", "civitai:1@2",
                "positivePrompt", "a tree"));
        assertThat(items).singleElement().satisfies(i -> assertThat(i.get("imageUUID").orElseThrow().asString()).isEqualTo("u1"));
        assertThat(server.seen().get(0).task().get("taskUUID").asString()).hasSize(36);
        assertThatThrownBy(() -> client.run(Map.of("model", "x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("taskType");
    }

    @Test
    void httpsIsRequiredExceptForLoopbackOrExplicitOptIn() {
        assertThatThrownBy(() -> RunwareClient.builder().apiKey(KEY).baseUrl("http://api.example.com/v1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThatThrownBy(() -> RunwareClient.builder().apiKey(KEY).webSocketUrl("ws://api.example.com/v1").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("wss");
        RunwareClient.builder().apiKey(KEY).baseUrl("http://localhost:1/v1").webSocketUrl("ws://127.0.0.1:1/v1").build()
                .close();
        RunwareClient.builder().apiKey(KEY).baseUrl("http://api.example.com/v1").allowInsecureHttp(true).build().close();
        assertThatThrownBy(() -> RunwareClient.builder().apiKey(KEY).baseUrl("ftp://x/v1").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingFailsCallsThatAreStillWaiting() {
        server.handle(s -> server.hang());
        CompletableFuture<List<ImageResult>> pending = client.runAsync(ImageRequest.of("never answered"));
        CompletableFuture<TextStreamResult> stream = client.stream(new dev.airgen.runtime.fixtures.TextRequest("hi"),
                chunk -> { });
        client.close();
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> RunwareClientTestSupport.join(pending));
        assertThat(e.category()).isEqualTo(ErrorCategory.ABORTED);
        RunwareException s = catchThrowableOfType(RunwareException.class, () -> RunwareClientTestSupport.join(stream));
        assertThat(s.category()).isIn(ErrorCategory.ABORTED, ErrorCategory.CONNECTION);
    }

    @Test
    void closedClientRefusesWork() {
        client.close();
        assertThatThrownBy(() -> client.run(ImageRequest.of("late"))).isInstanceOf(IllegalStateException.class);
    }
}
