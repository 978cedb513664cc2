package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.emulator.Faults;
import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import dev.airgen.runtime.types.TaskRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault family the emulator injects, alone and all together, over REST and WebSocket, for sync and
 * async tasks. Each cell sends a batch of tasks while the faults fire and then holds every task to the
 * recovery model of docs/runtime.md: exactly one outcome; a result whenever the emulator finished the task;
 * the task's own error when the emulator failed it; otherwise a retryable error for a task the emulator never
 * took; and no task run twice. Seeded, so a failing cell replays.
 */
@Timeout(150)
class FaultMatrixTest {

    private static final int TASKS = 10;
    private static final long SEED = 20261201L;

    enum Family { RATE_LIMIT, UNAVAILABLE, GATEWAY_TIMEOUT, MALFORMED, TRUNCATED, DROP, HALF_OPEN, TASK_FAILURE, ALL }

    private static RunwareEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorSupport.start(Duration.ofMillis(60));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static Stream<Arguments> cells() {
        List<Arguments> out = new ArrayList<>();
        for (Family family : Family.values()) {
            for (Transport transport : Transport.values()) {
                if (transport == Transport.REST && (family == Family.DROP || family == Family.HALF_OPEN)) {
                    continue;   // socket faults
                }
                out.add(Arguments.of(family, transport, false));
                out.add(Arguments.of(family, transport, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} over {1}, async={2}")
    @MethodSource("cells")
    void everyTaskHasExactlyTheOutcomeTheEmulatorGaveIt(Family family, Transport transport, boolean async) throws Exception {
        emulator.faults().reset();
        Random random = new Random(SEED ^ family.ordinal() * 31L ^ transport.ordinal() * 7L ^ (async ? 1 : 0));
        try (RunwareClient client = EmulatorSupport.client(emulator, transport)
                .timeout(Duration.ofSeconds(20))
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(30), 1.5, Duration.ofMillis(100), Duration.ofSeconds(20)))
                .build()) {
            client.run(ImageRequest.of("warm up"));   // the socket is open before the faults start
            Map<TaskRequest<ImageResult>, CompletableFuture<List<ImageResult>>> sent = new LinkedHashMap<>();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < TASKS; i++) {
                int results = 1 + random.nextInt(3);
                TaskRequest<ImageResult> request = async ? EmulatorSupport.video(results) : ImageRequest.of("task " + i).withNumberResults(results);
                expected.add(results);
                sent.put(request, client.runAsync(request));
                inject(emulator.faults(), family, random);
                Thread.sleep(random.nextInt(15));
            }
            for (int round = 0; round < 6; round++) {
                inject(emulator.faults(), family, random);
                Thread.sleep(20 + random.nextInt(30));
            }
            emulator.faults().reset();

            int i = 0;
            for (Map.Entry<TaskRequest<ImageResult>, CompletableFuture<List<ImageResult>>> e : sent.entrySet()) {
                check(family, e.getKey(), e.getValue(), expected.get(i++));
            }
        }
    }

    private static void check(Family family, TaskRequest<ImageResult> request, CompletableFuture<List<ImageResult>> outcome,
                              int expected) throws InterruptedException {
        String uuid = request.taskUUID();
        List<ImageResult> results = null;
        RunwareException failure = null;
        try {
            results = outcome.get(40, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).as("only RunwareException reaches the caller").isInstanceOf(RunwareException.class);
            failure = (RunwareException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("task " + uuid + " never reached an outcome");
        }
        assertThat(emulator.runs(uuid)).as("runs of " + uuid).isLessThanOrEqualTo(1);
        String state = emulator.taskState(uuid);
        if (results != null) {
            assertThat(results).hasSize(expected).allSatisfy(r -> assertThat(r.taskUUID()).isEqualTo(uuid));
            assertThat(results).extracting(FaultMatrixTest::mediaUUID).doesNotContainNull().doesNotHaveDuplicates();
            assertThat(state).as("the emulator ran " + uuid).isEqualTo("success");
            return;
        }
        assertThat(state).as("%s finished on the emulator but the client reported %s", uuid, failure)
                .isNotEqualTo("success");
        if (state != null && state.startsWith("error:")) {
            assertThat(failure.code()).as("the task's own error").isEqualTo(state.substring("error:".length()));
            assertThat(family).isIn(Family.TASK_FAILURE, Family.ALL);
        } else {
            assertThat(failure.isRetryable()).as("a task the emulator never finished may be sent again: " + failure).isTrue();
            assertThat(state).as("a task that failed for the client is not still running: " + failure).isNull();
            assertThat(family).as("only refusals leave a task unsent: " + failure)
                    .isIn(Family.RATE_LIMIT, Family.UNAVAILABLE, Family.GATEWAY_TIMEOUT, Family.ALL);
        }
    }

    private static String mediaUUID(ImageResult r) {
        return r.imageUUID() != null ? r.imageUUID() : r.additionalProperties().containsKey("videoUUID")
                ? r.additionalProperties().get("videoUUID").asString() : null;
    }

    private static void inject(Faults faults, Family family, Random random) {
        Family f = family == Family.ALL ? Family.values()[random.nextInt(Family.values().length - 1)] : family;
        switch (f) {
            case RATE_LIMIT -> faults.rateLimit(1, Duration.ZERO);
            case UNAVAILABLE -> faults.serviceUnavailable(1, Duration.ZERO);
            case GATEWAY_TIMEOUT -> faults.gatewayTimeout(1);
            case MALFORMED -> faults.malformedFrames(1);
            case TRUNCATED -> faults.truncatedFrames(1);
            case DROP -> faults.dropWebSocketMidTask(1);
            case HALF_OPEN -> {
                if (random.nextInt(3) == 0) {
                    faults.halfOpenWebSockets();
                }
            }
            case TASK_FAILURE -> faults.failTasks(1, "inferenceError");
            case ALL -> throw new IllegalStateException();
        }
    }

}
