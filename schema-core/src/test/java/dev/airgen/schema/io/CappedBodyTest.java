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
