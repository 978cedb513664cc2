package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AsyncPollingTest {

    private FakeServer server;
    private RunwareClient client;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = RestClientTest.fastClient(server).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static String ack(String uuid) {
        return "{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\"" + uuid + "\"}]}";
    }

    private static String processing(String uuid, int progress) {
        return "{\"taskType\":\"imageInference\",\"taskUUID\":\"" + uuid + "\",\"status\":\"processing\",\"progress\":"
                + progress + "}";
    }

    private static String done(String uuid, int i) {
        return "{\"taskType\":\"imageInference\",\"taskUUID\":\"" + uuid + "\",\"status\":\"success\",\"imageUUID\":\"img-"
                + i + "\",\"imageURL\":\"https://im.example/" + i + ".png\"}";
    }

    @Test
    void submitPollsWithProgressAndDeduplicatesCumulativeItems() {
        ImageRequest request = ImageRequest.of("slow cats").withNumberResults(2);
        String u = request.taskUUID();
        AtomicInteger polls = new AtomicInteger();
        server.handle(s -> {
            if (!"getResponse".equals(s.task().get("taskType").asString())) {
                return json(200, ack(u));
            }
            return switch (polls.incrementAndGet()) {
                case 1 -> json(200, "{\"data\":[" + processing(u, 10) + "]}");
                case 2 -> json(200, "{\"data\":[" + processing(u, 60) + "]}");
                // cumulative: the first finished item is repeated in every later answer
                case 3 -> json(200, "{\"data\":[" + done(u, 1) + "," + processing(u, 80) + "]}");
                default -> json(200, "{\"data\":[" + done(u, 1) + "," + done(u, 2) + "]}");
            };
        });
        List<Progress> progress = new CopyOnWriteArrayList<>();

        TaskHandle<ImageResult> handle = client.submit(request).onProgress(progress::add);
        List<ImageResult> results = handle.await(Duration.ofSeconds(10));

        assertThat(results).extracting(ImageResult::imageUUID).containsExactly("img-1", "img-2");
        assertThat(handle.taskUUID()).isEqualTo(u);
        assertThat(progress).extracting(p -> p.percent().orElse(-1)).startsWith(10, 60, 80);
        assertThat(progress).extracting(Progress::resultsReceived).containsSequence(0, 0, 1, 2);
        assertThat(progress.get(progress.size() - 1).resultsExpected()).isEqualTo(2);
        List<FakeServer.Seen> seen = server.seen();
        assertThat(seen.get(0).task().get("deliveryMethod").asString()).isEqualTo("async");
        for (FakeServer.Seen s : seen.subList(1, seen.size())) {
            assertThat(s.json().size()).isEqualTo(1);
            assertThat(s.task().get("taskType").asString()).isEqualTo("getResponse");
            assertThat(s.task().get("taskUUID").asString()).isEqualTo(u);
        }
        assertThat(polls.get()).isEqualTo(4);
    }

    @Test
    void runWithAsyncDeliveryPollsTransparently() {
        ImageRequest request = ImageRequest.of("async run").withDelivery("async");
        String u = request.taskUUID();
        server.handle(s -> "getResponse".equals(s.task().get("taskType").asString())
                ? json(200, "{\"data\":[" + done(u, 7) + "]}") : json(200, ack(u)));
        assertThat(client.run(request)).extracting(ImageResult::imageUUID).containsExactly("img-7");
    }

    @Test
    void errorItemFailsTheTask() {
        ImageRequest request = ImageRequest.of("doomed");
        String u = request.taskUUID();
        server.handle(s -> "getResponse".equals(s.task().get("taskType").asString())
                ? json(200, "{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\"" + u + "\",\"status\":\"error\","
                + "\"error\":{\"code\":\"providerContentPolicyViolation\",\"message\":\"blocked\"}}]}")
                : json(200, ack(u)));
        RunwareException e = catchThrowableOfType(RunwareException.class,
                () -> client.submit(request).await(Duration.ofSeconds(10)));
        assertThat(e.code()).isEqualTo("providerContentPolicyViolation");
        assertThat(e.category()).isEqualTo(ErrorCategory.SAFETY);
        assertThat(e.taskUUID()).isEqualTo(u);
    }

    @Test
    void transientPollFailuresAreToleratedUntilTheResultArrives() {
        ImageRequest request = ImageRequest.of("bumpy");
        String u = request.taskUUID();
        AtomicInteger polls = new AtomicInteger();
        server.handle(s -> {
            if (!"getResponse".equals(s.task().get("taskType").asString())) {
                return json(200, ack(u));
            }
            return polls.incrementAndGet() < 6 ? json(503, "") : json(200, "{\"data\":[" + done(u, 1) + "]}");
        });
        assertThat(client.submit(request).await(Duration.ofSeconds(10))).hasSize(1);
    }

    @Test
    void pollingStopsAtTheOverallDeadline() {
        ImageRequest request = ImageRequest.of("forever");
        String u = request.taskUUID();
        server.handle(s -> "getResponse".equals(s.task().get("taskType").asString())
                ? json(200, "{\"data\":[" + processing(u, 5) + "]}") : json(200, ack(u)));
        try (RunwareClient c = RestClientTest.fastClient(server)
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(10), 1.5, Duration.ofMillis(30), Duration.ofMillis(1000)))
                .build()) {
            TaskHandle<ImageResult> handle = c.submit(request);
            RunwareException e = catchThrowableOfType(RunwareException.class, handle::await);
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
            // The deadline may pass between polls or during one; either way the message names the task.
            assertThat(e.getMessage()).contains(u);
        }
    }

    @Test
    void awaitWithShortTimeoutKeepsPollingAndCancelStopsIt() {
        ImageRequest request = ImageRequest.of("patience");
        String u = request.taskUUID();
        server.handle(s -> "getResponse".equals(s.task().get("taskType").asString())
                ? json(200, "{\"data\":[" + processing(u, 1) + "]}") : json(200, ack(u)));
        TaskHandle<ImageResult> handle = client.submit(request);
        RunwareException timeout = catchThrowableOfType(RunwareException.class, () -> handle.await(Duration.ofMillis(100)));
        assertThat(timeout.category()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(handle.isDone()).isFalse();

        handle.cancel();
        RunwareException aborted = catchThrowableOfType(RunwareException.class, handle::await);
        assertThat(aborted.category()).isEqualTo(ErrorCategory.ABORTED);
        int pollsAtCancel = server.seen().size();
        client.close();
        assertThat(server.seen().size()).isLessThanOrEqualTo(pollsAtCancel + 1);
    }

    @Test
    void submitRejectsAConflictingDeliveryMethod() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.submit(ImageRequest.of("sync please")
                .withDelivery("sync"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deliveryMethod");
    }

    @Test
    void getResponseAndTaskDetailsUtilities() {
        server.handle(s -> {
            JsonNode t = s.task();
            String u = t.get("taskUUID").asString();
            if ("getTaskDetails".equals(t.get("taskType").asString())) {
                return json(200, "{\"data\":[{\"taskType\":\"getTaskDetails\",\"taskUUID\":\"" + u + "\","
                        + "\"request\":[{\"taskType\":\"imageInference\"}],\"response\":{\"data\":[]}}]}");
            }
            return json(200, "{\"data\":[" + done(u, 3) + "]}");
        });
        String uuid = java.util.UUID.randomUUID().toString();
        assertThat(client.getResponse(uuid)).singleElement()
                .satisfies(i -> assertThat(i.get("imageUUID").orElseThrow().asString()).isEqualTo("img-3"));
        assertThat(client.getTaskDetails(uuid).at("/request/0/taskType").orElseThrow().asString())
                .isEqualTo("imageInference");
    }
}
