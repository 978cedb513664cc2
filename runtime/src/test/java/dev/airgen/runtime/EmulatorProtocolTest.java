package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.fixtures.ImageResult;
import dev.airgen.runtime.fixtures.MapRequest;
import dev.airgen.runtime.fixtures.TextRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The protocol end to end against the emulator, on both transports. */
@Timeout(60)
class EmulatorProtocolTest {

    private static RunwareEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = EmulatorSupport.start(Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void clean() {
        emulator.faults().reset();
        emulator.taskDuration(Duration.ofMillis(100));
    }

    private static MapRequest<ImageResult> video(Map<String, Object> fields) {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("taskType", "videoInference");
        json.put("model", "test:video@1");
        json.putAll(fields);
        return new MapRequest<>(json, ImageResult.class, "/airgen/test-schemas/async-video.json");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void imageRunReturnsTypedResultsWhoseMediaDownloads(Transport transport) throws Exception {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            ImageRequest request = ImageRequest.of("a lighthouse at dusk").withSize(256, 128);
            List<ImageResult> results = client.run(request);
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.taskUUID()).isEqualTo(request.taskUUID());
                assertThat(r.imageUUID()).isNotBlank();
                assertThat(r.imageURL()).startsWith("http://127.0.0.1:");
            });
            Path file = dir.resolve("out.jpg");
            long size = client.download(java.net.URI.create(results.get(0).imageURL()), file, null);
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes.length).isEqualTo((int) size);
            assertThat(bytes).startsWith((byte) 0xFF, (byte) 0xD8); // the default output format is JPG
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void multiResultTaskDeliversEveryResultOnce(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            List<ImageResult> results = client.run(ImageRequest.of("three kittens").withNumberResults(3));
            assertThat(results).hasSize(3).extracting(ImageResult::imageUUID).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void batchWithMixedOutcomes(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).validation(false).build()) {
            ImageRequest good = ImageRequest.of("a red apple");
            ImageRequest tooWide = ImageRequest.of("too wide").withSize(4096, 256);
            ImageRequest alsoGood = ImageRequest.of("a green pear").withNumberResults(2);
            BatchResult batch = client.runBatch(List.of(good, tooWide, alsoGood));
            assertThat(batch.succeeded()).containsExactly(good, alsoGood);
            assertThat(batch.results(alsoGood)).hasSize(2);
            assertThat(batch.failure(tooWide)).get().satisfies(e -> {
                assertThat(e.parameter()).isEqualTo("width");
                assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
                assertThat(e.taskUUID()).isEqualTo(tooWide.taskUUID());
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void asyncVideoIsPolledWithProgress(Transport transport) {
        emulator.taskDuration(Duration.ofMillis(600));
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            MapRequest<ImageResult> request = video(Map.of("positivePrompt", "waves", "width", 512, "height", 512,
                    "numberResults", 2));
            List<Progress> progress = new CopyOnWriteArrayList<>();
            TaskHandle<ImageResult> handle = client.submit(request).onProgress(progress::add);
            List<ImageResult> results = handle.await(Duration.ofSeconds(20));
            assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r.taskUUID()).isEqualTo(request.taskUUID()));
            assertThat(progress).isNotEmpty();
            assertThat(progress).anySatisfy(p -> assertThat(p.status()).isEqualTo("processing"));
            assertThat(progress.get(progress.size() - 1).resultsReceived()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void serverSideCrossFieldErrorNamesEveryParameter(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).validation(false).build()) {
            MapRequest<ImageResult> neither = video(Map.of("positivePrompt", "no frames, no size"));
            RunwareException e = catchThrowableOfType(RunwareException.class,
                    () -> client.submit(neither).await(Duration.ofSeconds(10)));
            assertThat(e.category()).isEqualTo(ErrorCategory.VALIDATION);
            assertThat(e.parameters()).isNotEmpty();
        }
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            RunwareValidationException local = catchThrowableOfType(RunwareValidationException.class,
                    () -> client.submit(video(Map.of("positivePrompt", "no frames, no size"))));
            assertThat(local.parameters()).containsExactly("inputs", "width", "height");
        }
    }

    @org.junit.jupiter.api.Test
    void textIsStreamedOverServerSentEvents() throws Exception {
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.REST).build()) {
            List<TextChunk> chunks = new CopyOnWriteArrayList<>();
            TextStreamResult result = client.stream(new TextRequest("tell me about lighthouses"), chunks::add)
                    .get(20, TimeUnit.SECONDS);
            assertThat(chunks.size()).isGreaterThan(1);
            StringBuilder joined = new StringBuilder();
            chunks.forEach(c -> joined.append(c.text()));
            assertThat(result.text()).isNotBlank().isEqualTo(joined.toString());
            assertThat(result.finishReason()).isNotBlank();
            assertThat(result.usage()).isNotNull();
        }
    }

    @org.junit.jupiter.api.Test
    void rateLimitAndUnavailableWithRetryAfterAreRetried() {
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.REST).build()) {
            emulator.faults().rateLimit(1, Duration.ofMillis(200));
            assertThat(client.run(ImageRequest.of("after a 429"))).hasSize(1);
            emulator.faults().serviceUnavailable(2, Duration.ofMillis(100));
            assertThat(client.run(ImageRequest.of("after two 503s"))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class)
    void aTurnAwayOfTheFirstMessageIsWaitedOutAsTheServerAsks(Transport transport) {
        // Over WebSocket the first message is the authentication: a 429 to it is waited out, not a failure.
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).build()) {
            emulator.faults().rateLimit(1, Duration.ofMillis(200));
            long start = System.nanoTime();
            ImageRequest request = ImageRequest.of("after a turned-away first message");
            assertThat(client.run(request)).hasSize(1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("Retry-After (rounded up to 1 s) is honoured")
                    .isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(emulator.runs(request.taskUUID())).isEqualTo(1);
        }
    }

    @org.junit.jupiter.api.Test
    void nonRetryableFailuresSurfaceAtOnce() {
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.REST)
                .retryPolicy(new RetryPolicy(3, Duration.ofSeconds(30), Duration.ofSeconds(30), 0)).build()) {
            emulator.faults().insufficientCredits(true);
            long start = System.nanoTime();
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("broke")));
            assertThat(e.category()).isEqualTo(ErrorCategory.QUOTA);
            assertThat(e.isRetryable()).isFalse();
            // with a 30 s backoff, any retry would have blown the 15 s deadline instead
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(15);
        }
        try (RunwareClient wrongKey = EmulatorSupport.client(emulator, Transport.WEBSOCKET).apiKey("not-the-key").build()) {
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> wrongKey.run(ImageRequest.of("who")));
            assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void malformedAndTruncatedAnswersAreRecoveredByTaskUUID(Transport transport) {
        try (RunwareClient client = EmulatorSupport.client(emulator, transport).retryPolicy(RetryPolicy.NONE).build()) {
            client.run(ImageRequest.of("warm up")); // the WebSocket is open and authenticated
            emulator.faults().malformedFrames(1);
            assertThat(client.run(ImageRequest.of("garbled"))).hasSize(1);
            emulator.faults().truncatedFrames(1);
            assertThat(client.run(ImageRequest.of("cut short"))).hasSize(1);
            emulator.faults().reset();
            assertThat(client.run(ImageRequest.of("healthy again"))).hasSize(1);
        }
    }

    @org.junit.jupiter.api.Test
    void webSocketDroppedMidTaskStillDeliversEveryResultExactlyOnce() {
        emulator.taskDuration(Duration.ofMillis(300));
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.WEBSOCKET).build()) {
            client.run(ImageRequest.of("warm up"));
            emulator.faults().dropWebSocketMidTask(1);
            List<ImageResult> results = client.run(ImageRequest.of("through a drop").withNumberResults(3));
            assertThat(results).hasSize(3).extracting(ImageResult::imageUUID).doesNotHaveDuplicates();

            emulator.faults().dropWebSocketMidTask(1);
            TaskHandle<ImageResult> handle = client.submit(video(Map.of("width", 512, "height", 512)));
            assertThat(handle.await(Duration.ofSeconds(20))).hasSize(1);
        }
    }

    @org.junit.jupiter.api.Test
    void halfOpenWebSocketIsReplacedAndResultsArriveExactlyOnce() throws Exception {
        emulator.taskDuration(Duration.ofMillis(400));
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.WEBSOCKET).build()) {
            client.run(ImageRequest.of("warm up"));
            // a task in flight when the socket goes half-open
            var inFlight = client.runAsync(ImageRequest.of("in flight").withNumberResults(2));
            Thread.sleep(50);
            emulator.faults().halfOpenWebSockets();
            // and a task written into the dead socket afterwards
            var afterwards = client.runAsync(ImageRequest.of("into the void"));
            assertThat(RunwareClientTestSupport.join(inFlight)).hasSize(2).extracting(ImageResult::imageUUID)
                    .doesNotHaveDuplicates();
            assertThat(RunwareClientTestSupport.join(afterwards)).hasSize(1);
        }
    }

    @org.junit.jupiter.api.Test
    void manyTasksInterleaveOnOneSocket() throws Exception {
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.WEBSOCKET).build()) {
            List<java.util.concurrent.CompletableFuture<List<ImageResult>>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                futures.add(client.runAsync(ImageRequest.of("parallel " + i).withNumberResults(1 + i % 3)));
            }
            for (int i = 0; i < futures.size(); i++) {
                assertThat(RunwareClientTestSupport.join(futures.get(i))).hasSize(1 + i % 3);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void utilitiesAgainstTheEmulator() throws Exception {
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.REST).build()) {
            byte[] jpg = Files.readAllBytes(downloadOne(client));
            UploadedMedia uploaded = client.imageUpload(jpg, "image/jpeg");
            assertThat(uploaded.uuid()).isNotBlank();
            UploadedMedia stored = client.mediaUpload(jpg, "image/jpeg");
            assertThat(stored.uuid()).isNotBlank();
            client.mediaDelete(stored.uuid());

            ImageRequest request = ImageRequest.of("details please");
            client.run(request);
            assertThat(client.getTaskDetails(request.taskUUID()).toString()).contains(request.taskUUID());
        }
    }

    private Path downloadOne(RunwareClient client) {
        ImageResult r = client.run(ImageRequest.of("something to upload")).get(0);
        Path file = dir.resolve("source.jpg");
        client.download(java.net.URI.create(r.imageURL()), file, null);
        return file;
    }
}
