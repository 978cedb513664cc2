package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import java.time.Duration;
import java.util.List;
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


    @ParameterizedTest
    @EnumSource(Transport.class)
    void runSendsAnAsyncDefaultModelAsyncAndReturnsItsFinishedResults(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            List<ImageResult> results = client.run(EmulatorSupport.video(2));
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
            TaskHandle<ImageResult> handle = client.start(EmulatorSupport.video(3), RunOptions.builder().onProgress(progress::add).build());
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

    /** A server that acknowledges every task and answers every poll "still processing", counting the polls. */
    private static FakeServer stillProcessing(AtomicInteger polls) throws Exception {
        FakeServer server = new FakeServer();
        server.handle(s -> {
            String uuid = s.task().get("taskUUID").asString();
            boolean poll = "getResponse".equals(s.task().get("taskType").asString());
            if (poll) {
                polls.incrementAndGet();
            }
            return json(200, "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"" + uuid + "\""
                    + (poll ? ",\"status\":\"processing\"" : "") + "}]}");
        });
        return server;
    }

    /** Cancels through {@code cancel} once polling runs, and checks that polling stops. */
    private static void assertCancellingStopsPolling(java.util.function.Function<RunwareClient, Runnable> startThenCancel)
            throws Exception {
        AtomicInteger polls = new AtomicInteger();
        try (FakeServer server = stillProcessing(polls);
             RunwareClient client = RestClientTest.fastClient(server).build()) {
            Runnable cancel = startThenCancel.apply(client);
            while (polls.get() < 2) {
                Thread.sleep(10);
            }
            cancel.run();
            int atCancel = polls.get();
            Thread.sleep(300);
            assertThat(polls.get()).as("no poll after the cancellation").isLessThanOrEqualTo(atCancel + 1);
            assertThat(server.seen().get(0).task().get("deliveryMethod").asString()).isEqualTo("async");
        }
    }

    @Test
    void cancellingStopsPollingAndSaysSo() throws Exception {
        assertCancellingStopsPolling(client -> {
            var request = EmulatorSupport.video(1);
            TaskHandle<ImageResult> handle = client.start(request, RunOptions.defaults());
            return () -> {
                assertThat(handle.cancel()).isTrue();
                RunwareException e = catchThrowableOfType(RunwareException.class, handle::await);
                assertThat(e.code()).isEqualTo("cancelled");
                assertThat(e.category()).isEqualTo(ErrorCategory.ABORTED);
                assertThat(e.getMessage()).contains(request.taskUUID());
            };
        });
    }

    @Test
    void cancellingTheFutureOfRunAsyncStopsPollingToo() throws Exception {
        assertCancellingStopsPolling(client -> {
            var future = client.runAsync(EmulatorSupport.video(1));
            return () -> future.cancel(true);
        });
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
