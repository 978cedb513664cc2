package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class BoundedBodyTest {

    private static final URI SERVER = URI.create("https://api.example.test/v1");

    private final Subscription subscription = new Subscription();

    @Test
    void collectsEveryBufferInOrder() {
        HttpResponse.BodySubscriber<byte[]> body = subscribed(100, 200);
        body.onNext(List.of(bytes("[{\"a\""), bytes(":1}")));
        body.onNext(List.of(bytes(",{}]")));
        body.onComplete();

        assertThat(new String(body.getBody().toCompletableFuture().join(), StandardCharsets.UTF_8)).isEqualTo("[{\"a\":1},{}]");
        assertThat(subscription.requested).isEqualTo(Long.MAX_VALUE);
        assertThat(subscription.cancelled).isFalse();
    }

    @Test
    void aBodyAtTheLimitIsKeptOneByteMoreStopsTheExchange() {
        HttpResponse.BodySubscriber<byte[]> atLimit = subscribed(8, 200);
        atLimit.onNext(List.of(bytes("12345678")));
        atLimit.onComplete();
        assertThat(atLimit.getBody().toCompletableFuture().join()).hasSize(8);

        HttpResponse.BodySubscriber<byte[]> over = subscribed(8, 502);
        over.onNext(List.of(bytes("1234"), bytes("56789")));
        over.onNext(List.of(bytes("more")));

        assertThat(subscription.cancelled).isTrue();
        RunwareException e = failureOf(over);
        assertThat(e.code()).isEqualTo(Failures.MALFORMED);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.getMessage()).contains("larger than 8 bytes");
    }

    @Test
    void aBodyThatBreaksOffIsALostConnectionNamingTheServer() {
        HttpResponse.BodySubscriber<byte[]> body = subscribed(100, 200);
        body.onNext(List.of(bytes("{\"data\":[")));
        body.onError(new IOException("connection reset"));

        RunwareException e = failureOf(body);
        assertThat(e.code()).isEqualTo(Failures.CONNECTION_LOST);
        assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION);
        assertThat(e.getMessage()).contains("api.example.test:443").contains("broke off").contains("connection reset");
    }

    @Test
    void findsTheClientsErrorWhereTheHttpClientWrappedIt() {
        RunwareException lost = Failures.connection(Failures.CONNECTION_LOST, "broke off", null);

        assertThat(BoundedBody.failure(new IOException("wrapped by send", lost))).isSameAs(lost);
        assertThat(BoundedBody.failure(new CompletionException(lost))).isSameAs(lost);
        assertThat(BoundedBody.failure(new IOException("reset by peer"))).isNull();
        assertThat(BoundedBody.failure(null)).isNull();
    }

    private HttpResponse.BodySubscriber<byte[]> subscribed(long limit, int status) {
        HttpResponse.BodySubscriber<byte[]> body = BoundedBody.handler(limit, SERVER).apply(new Info(status));
        body.onSubscribe(subscription);
        return body;
    }

    private static RunwareException failureOf(HttpResponse.BodySubscriber<byte[]> body) {
        CompletableFuture<byte[]> f = body.getBody().toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        return BoundedBody.failure(f.handle((v, t) -> t).join());
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
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

    private record Info(int statusCode) implements HttpResponse.ResponseInfo {
        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(Map.of(), (a, b) -> true);
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
