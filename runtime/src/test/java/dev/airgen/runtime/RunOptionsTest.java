package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import dev.airgen.runtime.fixtures.MapRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One {@code run()} for every delivery, with per-call timeout, cancellation, progress and per-result callbacks. */
@Timeout(60)
class RunOptionsTest {

    private static RunwareEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorSupport.start(Duration.ofMillis(300));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** A request for the test video model without any deliveryMethod: its schema makes async the default. */
    private static MapRequest<ImageResult> video(int results) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("taskType", "videoInference");
        json.put("model", "test:video@1");
        json.put("width", 512);
        json.put("height", 512);
        json.put("numberResults", results);
        return new MapRequest<>(json, ImageResult.class, "/airgen/test-schemas/async-video.json");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void runSendsAnAsyncDefaultModelAsyncAndReturnsItsFinishedResults(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            List<ImageResult> results = client.run(video(2));
            assertThat(results).hasSize(2).allSatisfy(r ->
                    assertThat(r.additionalProperties().get("videoUUID")).as("a finished video, not an acknowledgement")
                            .isNotNull());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void eachResultIsDeliveredAsItArrivesWithProgressOnTheWay(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            List<Progress> progress = new CopyOnWriteArrayList<>();
            List<ImageResult> arrived = new CopyOnWriteArrayList<>();
            List<Integer> arrivedWhileRunning = new CopyOnWriteArrayList<>();
            TaskHandle<ImageResult> handle = client.start(video(3), RunOptions.builder().onProgress(progress::add).build());
            handle.onResult(r -> {
                arrived.add(r);
                if (!handle.isDone()) {
                    arrivedWhileRunning.add(arrived.size());
                }
            });
            List<ImageResult> results = handle.await();
            assertThat(results).hasSize(3);
            assertThat(arrived).containsExactlyElementsOf(results);
            assertThat(arrivedWhileRunning).as("results delivered before the last one finished the task").contains(1);
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(progress.size() - 1).resultsReceived()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aSyncTaskWithSeveralResultsDeliversThemOneByOne(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            List<ImageResult> arrived = new CopyOnWriteArrayList<>();
            TaskHandle<ImageResult> handle = client.start(ImageRequest.of("three").withNumberResults(3), RunOptions.defaults())
                    .onResult(arrived::add);
            assertThat(handle.await()).hasSize(3).containsExactlyElementsOf(arrived);
        }
    }

    @Test
    void cancellingStopsPollingAndSaysSo() throws Exception {
        try (FakeServer server = new FakeServer()) {
            AtomicInteger polls = new AtomicInteger();
            server.handle(s -> {
                String uuid = s.task().get("taskUUID").asString();
                if ("getResponse".equals(s.task().get("taskType").asString())) {
                    polls.incrementAndGet();
                    return json(200, "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"" + uuid
                            + "\",\"status\":\"processing\"}]}");
                }
                return json(200, "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"" + uuid + "\"}]}");
            });
            try (RunwareClient client = RestClientTest.fastClient(server).build()) {
                MapRequest<ImageResult> request = video(1);
                TaskHandle<ImageResult> handle = client.start(request, RunOptions.defaults());
                while (polls.get() < 2) {
                    Thread.sleep(10);
                }
                assertThat(handle.cancel()).isTrue();
                RunwareException e = catchThrowableOfType(RunwareException.class, handle::await);
                assertThat(e.code()).isEqualTo("cancelled");
                assertThat(e.category()).isEqualTo(ErrorCategory.ABORTED);
                assertThat(e.getMessage()).contains(request.taskUUID());
                int atCancel = polls.get();
                Thread.sleep(300);
                assertThat(polls.get()).as("no poll after the cancellation").isLessThanOrEqualTo(atCancel + 1);
                assertThat(server.seen().get(0).task().get("deliveryMethod").asString()).isEqualTo("async");
            }
        }
    }

    @Test
    void cancellingTheFutureOfRunAsyncStopsPollingToo() throws Exception {
        try (FakeServer server = new FakeServer()) {
            AtomicInteger polls = new AtomicInteger();
            server.handle(s -> {
                String uuid = s.task().get("taskUUID").asString();
                if ("getResponse".equals(s.task().get("taskType").asString())) {
                    polls.incrementAndGet();
                }
                return json(200, "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"" + uuid
                        + "\",\"status\":\"processing\"}]}");
            });
            try (RunwareClient client = RestClientTest.fastClient(server).build()) {
                var future = client.runAsync(video(1));
                while (polls.get() < 2) {
                    Thread.sleep(10);
                }
                future.cancel(true);
                int atCancel = polls.get();
                Thread.sleep(300);
                assertThat(polls.get()).isLessThanOrEqualTo(atCancel + 1);
            }
        }
    }

    @Test
    void dryRunAsksTheServerToValidateAndPriceOnly() throws Exception {
        try (FakeServer server = new FakeServer()) {
            server.handle(s -> json(200, "{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\""
                    + s.task().get("taskUUID").asString() + "\",\"cost\":0.0042}]}"));
            try (RunwareClient client = RestClientTest.fastClient(server).dryRun(true).build()) {
                assertThat(client.run(ImageRequest.of("priced only"))).singleElement()
                        .satisfies(r -> assertThat(r.cost()).isEqualTo(0.0042));
                assertThat(server.seen().get(0).header("X-Runware-Dry-Run")).isEqualTo("1");
                assertThat(client.toString()).contains("dryRun");
            }
        }
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.WEBSOCKET).dryRun(true).build()) {
            ImageRequest request = ImageRequest.of("priced over the socket");
            assertThat(client.run(request)).singleElement().satisfies(r -> {
                assertThat(r.cost()).isNotNull();
                assertThat(r.imageUUID()).as("nothing was made").isNull();
            });
            assertThat(emulator.runs(request.taskUUID())).isZero();
        }
    }
}
