package dev.airgen.schema.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class CappedBodyTest {

    private final Subscription subscription = new Subscription();

    @Test
    void collectsEveryBufferInOrder() {
        CappedBody body = subscribed(CappedBody.of(100, info(-1)));
        body.onNext(List.of(bytes("[{\"a\""), bytes(":1}")));
        body.onNext(List.of(bytes(",{}]")));
        body.onComplete();

        assertThat(new String(body.getBody().toCompletableFuture().join(), StandardCharsets.UTF_8)).isEqualTo("[{\"a\":1},{}]");
        assertThat(subscription.requested).isEqualTo(Long.MAX_VALUE);
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void aBodyAtTheCapIsKeptOneByteMoreIsStoppedThere() {
        CappedBody atCap = subscribed(CappedBody.of(8, info(-1)));
        atCap.onNext(List.of(bytes("12345678")));
        atCap.onComplete();
        assertThat(atCap.getBody().toCompletableFuture().join()).hasSize(8);

        CappedBody over = subscribed(CappedBody.of(8, info(-1)));
        over.onNext(List.of(bytes("1234"), bytes("56789")));
        over.onNext(List.of(bytes("more")));
        over.onComplete();

        assertThat(subscription.cancelled).isTrue();
        assertThat(failureOf(over)).isInstanceOf(CappedBody.TooLarge.class).hasMessage("sent more than 8 bytes and was stopped there");
    }

    @Test
    void aDeclaredLengthOverTheCapIsRefusedBeforeAnythingIsRead() {
        CappedBody body = subscribed(CappedBody.of(8, info(9)));

        assertThat(subscription.cancelled).isTrue();
        assertThat(subscription.requested).isZero();
        assertThat(failureOf(body)).isInstanceOf(CappedBody.TooLarge.class)
                .hasMessage("declares a body of 9 bytes (Content-Length); none of it was read");
    }

    @Test
    void everyFailureGoesThroughTheCallersFunctionOnce() {
        CappedBody broken = subscribed(CappedBody.of(100, info(-1), t -> new IllegalStateException("mine: " + t.getMessage(), t)));
        broken.onNext(List.of(bytes("{\"data\":[")));
        broken.onError(new IOException("connection reset"));
        broken.onError(new IOException("a second report"));

        assertThat(failureOf(broken)).isInstanceOf(IllegalStateException.class).hasMessage("mine: connection reset");

        CappedBody aborted = subscribed(CappedBody.of(100, info(-1)));
        aborted.abort(new IOException("deadline"));
        aborted.onComplete();
        assertThat(subscription.cancelled).isTrue();
        assertThat(failureOf(aborted)).hasMessage("deadline");
    }

    @Test
    void behindTheAdapterTheCapEndsTheResponseAndEveryFailureKeepsTheCallersForm() {
        CappedBody over = CappedBody.of(8, info(-1), t -> new IllegalStateException("mine: " + t.getMessage(), t));
        HttpResponse.BodySubscriber<byte[]> adapted = over.direct();
        adapted.onSubscribe(subscription);
        adapted.onNext(List.of(bytes("123456789")));
        assertThat(subscription.cancelled).isTrue();
        assertThat(adapted.getBody().toCompletableFuture()).isCompletedExceptionally();
        assertThat(over.failure()).isInstanceOf(IllegalStateException.class)
                .hasMessage("mine: sent more than 8 bytes and was stopped there");

        subscription.cancelled = false;
        CappedBody declared = CappedBody.of(8, info(9));
        HttpResponse.BodySubscriber<byte[]> declaredAdapted = declared.direct();
        declaredAdapted.onSubscribe(subscription);
        assertThat(subscription.requested).isEqualTo(1);
        declaredAdapted.onNext(List.of(bytes("1")));
        assertThat(subscription.cancelled).isTrue();
        assertThat(declared.failure()).isInstanceOf(CappedBody.TooLarge.class).hasMessageContaining("declares a body of 9 bytes");

        CappedBody broken = CappedBody.of(100, info(-1), t -> new IllegalStateException("mine: " + t.getMessage(), t));
        HttpResponse.BodySubscriber<byte[]> brokenAdapted = broken.direct();
        brokenAdapted.onSubscribe(subscription);
        brokenAdapted.onError(new IOException("connection reset"));
        assertThat(broken.failure()).isInstanceOf(IllegalStateException.class).hasMessage("mine: connection reset");

        CappedBody whole = CappedBody.of(100, info(-1));
        HttpResponse.BodySubscriber<byte[]> wholeAdapted = whole.direct();
        wholeAdapted.onSubscribe(subscription);
        wholeAdapted.onNext(List.of(bytes("[1,"), bytes("2]")));
        wholeAdapted.onComplete();
        assertThat(new String(wholeAdapted.getBody().toCompletableFuture().join(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
        assertThat(whole.failure()).isNull();
    }

    /**
     * The reason for {@link CappedBody#direct}: java.net.http completes a body of its own kind of subscriber where it
     * read it, and hands one of ours to the client's executor, a task per answer (about one in this test; a few
     * tasks of the connection's own come and go, hence the margin).
     */
    @Test
    void behindTheAdapterAnAnswerCostsNoExtraTaskOnTheClientsExecutor() throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] answer = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        try {
            HttpClient client = HttpClient.newBuilder().executor(r -> {
                tasks.incrementAndGet();
                pool.execute(r);
            }).build();
            java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/")).build();
            int rounds = 40;
            int[] perKind = new int[2];
            for (int kind = 0; kind < 2; kind++) {
                boolean direct = kind == 1;
                client.send(request, info -> direct ? CappedBody.of(100, info).direct() : CappedBody.of(100, info));
                tasks.set(0);
                for (int i = 0; i < rounds; i++) {
                    HttpResponse<byte[]> r = client.send(request,
                            info -> direct ? CappedBody.of(100, info).direct() : CappedBody.of(100, info));
                    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"data\":[]}");
                }
                perKind[kind] = tasks.get();
            }
            assertThat(perKind[1]).as("executor tasks for %d answers read through the adapter (plain: %d)", rounds, perKind[0])
                    .isLessThanOrEqualTo(perKind[0] - rounds * 3 / 4);
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    private CappedBody subscribed(CappedBody body) {
        subscription.requested = 0;
        subscription.cancelled = false;
        body.onSubscribe(subscription);
        return body;
    }

    private static Throwable failureOf(CappedBody body) {
        CompletableFuture<byte[]> f = body.getBody().toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        return f.handle((v, t) -> t).join();
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse.ResponseInfo info(long contentLength) {
        Map<String, List<String>> headers = contentLength < 0 ? Map.of() : Map.of("Content-Length", List.of(String.valueOf(contentLength)));
        return new HttpResponse.ResponseInfo() {
            @Override
            public int statusCode() {
                return 200;
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(headers, (a, b) -> true);
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }

    private static final class Subscription implements Flow.Subscription {
        long requested;
        boolean cancelled;

        @Override
        public void request(long n) {
            requested = n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
