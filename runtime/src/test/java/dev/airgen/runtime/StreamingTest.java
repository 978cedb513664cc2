package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.runtime.fixtures.TextRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingTest {

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

    private static String chunk(String uuid, String text) {
        return "data: {\"taskUUID\":\"" + uuid + "\",\"delta\":{\"text\":\"" + text + "\"}}";
    }

    /** Collects what a listener sees. */
    static final class Recorder implements StreamListener {
        final List<TextChunk> chunks = new CopyOnWriteArrayList<>();
        final List<TextStreamResult> completed = new CopyOnWriteArrayList<>();
        final List<RunwareException> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onChunk(TextChunk chunk) {
            chunks.add(chunk);
        }

        @Override
        public void onComplete(TextStreamResult result) {
            completed.add(result);
        }

        @Override
        public void onError(RunwareException error) {
            errors.add(error);
        }
    }

    private static RunwareException failure(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return (RunwareException) e.getCause();
        }
        throw new AssertionError("stream did not fail");
    }

    @Test
    void streamsChunksInOrderAndAssemblesTheAnswer() throws Exception {
        TextRequest request = new TextRequest("say hello");
        String u = request.taskUUID();
        server.script(FakeServer.sse(List.of(
                ": keep-alive comment",
                chunk(u, "Hel"),
                "",
                "event: message",
                chunk(u, "lo, "),
                "data: {\"taskUUID\":\"" + u + "\",\"delta\":{\"reasoningContent\":\"thinking\"}}",
                chunk(u, "world"),
                "data: {\"taskUUID\":\"" + u + "\",\"delta\":{},\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":3,"
                        + "\"completionTokens\":3,\"totalTokens\":6},\"cost\":0.0001}",
                "data: [DONE]")));
        Recorder recorder = new Recorder();

        TextStreamResult result = client.stream(request, recorder).get(10, TimeUnit.SECONDS);

        assertThat(result.text()).isEqualTo("Hello, world");
        assertThat(result.reasoningContent()).isEqualTo("thinking");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage().get("totalTokens").orElseThrow().asNumber().intValue()).isEqualTo(6);
        assertThat(result.cost()).isEqualTo(0.0001);
        assertThat(result.chunks()).isEqualTo(5);
        assertThat(recorder.chunks).extracting(TextChunk::text).containsExactly("Hel", "lo, ", "", "world", "");
        assertThat(recorder.completed).containsExactly(result);
        assertThat(recorder.errors).isEmpty();
        FakeServer.Seen seen = server.seen().get(0);
        assertThat(seen.header("Accept")).isEqualTo("text/event-stream");
        assertThat(seen.task().get("deliveryMethod").asString()).isEqualTo("stream");
    }

    @Test
    void joinsTheDataLinesOfOneEventAndReadsCrLfLines() throws Exception {
        TextRequest request = new TextRequest("split");
        String u = request.taskUUID();
        server.script(FakeServer.sse(List.of(
                "retry: 1000\r\nid: 1\r\ndata: {\"taskUUID\":\"" + u + "\",\r\ndata:\"delta\":{\"text\":\"one \"}}\r",
                "event: message\nid: 2\ndata: {\"taskUUID\":\"" + u + "\",\n: a comment inside the event\ndata:  \"delta\":{\"text\":\"two\"}}",
                "data: [DONE]")));
        Recorder recorder = new Recorder();

        TextStreamResult result = client.stream(request, recorder).get(10, TimeUnit.SECONDS);

        assertThat(recorder.chunks).extracting(TextChunk::text).containsExactly("one ", "two");
        assertThat(result.text()).isEqualTo("one two");
    }

    @Test
    void publisherDeliversChunksThenCompletesAndRefusesASecondSubscriber() throws Exception {
        TextRequest request = new TextRequest("publish");
        String u = request.taskUUID();
        server.script(FakeServer.sse(List.of(chunk(u, "a"), chunk(u, "b"), chunk(u, "c"), "data: [DONE]")));
        java.util.concurrent.Flow.Publisher<TextChunk> publisher = client.streamPublisher(request);
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(TextChunk item) {
                seen.add(item.text());
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(10, TimeUnit.SECONDS);
        assertThat(seen).containsExactly("a", "b", "c");
        CompletableFuture<Throwable> second = new CompletableFuture<>();
        publisher.subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override
            public void onSubscribe(java.util.concurrent.Flow.Subscription s) {
            }

            @Override
            public void onNext(TextChunk item) {
            }

            @Override
            public void onError(Throwable t) {
                second.complete(t);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(second.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void errorChunkEndsTheStreamWithTheServerError() throws Exception {
        TextRequest request = new TextRequest("fail midway");
        String u = request.taskUUID();
        server.script(FakeServer.sse(List.of(chunk(u, "partial"),
                "data: {\"errors\":[{\"code\":\"providerError\",\"message\":\"model crashed\",\"taskUUID\":\"" + u + "\"}]}",
                "data: [DONE]")));
        Recorder recorder = new Recorder();
        RunwareException e = failure(client.stream(request, recorder));
        assertThat(e.code()).isEqualTo("providerError");
        assertThat(e.category()).isEqualTo(ErrorCategory.PROVIDER);
        assertThat(recorder.chunks).hasSize(1);
        assertThat(recorder.errors).containsExactly(e);
        assertThat(server.seen()).hasSize(1); // text was delivered already: no retry
    }

    @Test
    void truncatedStreamIsReportedNotSilentlyAccepted() throws Exception {
        TextRequest request = new TextRequest("cut off");
        server.script(FakeServer.sse(List.of(chunk(request.taskUUID(), "half"))));
        RunwareException e = failure(client.stream(request, new Recorder()));
        assertThat(e.code()).isEqualTo("malformedResponse");
        assertThat(e.getMessage()).contains("[DONE]");
    }

    @Test
    void malformedChunkFailsClearly() throws Exception {
        TextRequest request = new TextRequest("garbage");
        server.script(FakeServer.sse(List.of("data: {not json", "data: [DONE]")));
        RunwareException e = failure(client.stream(request, new Recorder()));
        assertThat(e.code()).isEqualTo("malformedResponse");
    }

    @Test
    void preStreamErrorBodyIsReadAndRateLimitIsRetried() throws Exception {
        TextRequest request = new TextRequest("again");
        String u = request.taskUUID();
        server.script(json(429, "{\"error\":{\"code\":\"rateLimitExceeded\",\"message\":\"later\"}}", "Retry-After", "0"),
                FakeServer.sse(List.of(chunk(u, "ok"), "data: [DONE]")));
        assertThat(client.stream(request, new Recorder()).get(10, TimeUnit.SECONDS).text()).isEqualTo("ok");
        assertThat(server.seen()).hasSize(2);

        TextRequest bad = new TextRequest("bad");
        server.script(json(400, "{\"error\":{\"code\":\"invalidModel\",\"message\":\"no such model\","
                + "\"parameter\":\"model\"},\"taskUUID\":\"" + bad.taskUUID() + "\"}"));
        RunwareException e = failure(client.stream(bad, new Recorder()));
        assertThat(e.code()).isEqualTo("invalidModel");
        assertThat(e.parameter()).isEqualTo("model");
        assertThat(e.taskUUID()).isEqualTo(bad.taskUUID());
    }

    @Test
    void silentStreamTimesOut() throws Exception {
        TextRequest request = new TextRequest("and then nothing");
        server.handle(s -> server.sseThenSilence(List.of(chunk(request.taskUUID(), "start"))));
        try (RunwareClient quick = RestClientTest.fastClient(server).requestTimeout(Duration.ofMillis(300)).build()) {
            Recorder recorder = new Recorder();
            RunwareException e = failure(quick.stream(request, recorder));
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(recorder.chunks).hasSize(1);
        }
    }

    @Test
    void nonStreamAnswerToAStreamRequestIsStillDelivered() throws Exception {
        TextRequest request = new TextRequest("plain");
        server.script(json(200, "{\"data\":[{\"taskType\":\"textInference\",\"taskUUID\":\"" + request.taskUUID()
                + "\",\"text\":\"all at once\",\"finishReason\":\"stop\"}]}"));
        TextStreamResult r = client.stream(request, new Recorder()).get(10, TimeUnit.SECONDS);
        assertThat(r.text()).isEqualTo("all at once");
        assertThat(r.finishReason()).isEqualTo("stop");
    }
}
