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

/** How the REST channel's answer bodies end: too large, broken off, and how their errors are found again. */
class RestBodiesTest {

    private static final URI SERVER = URI.create("https://api.example.test/v1");

    @Test
    void anAnswerOverTheLimitIsMalformedWithItsStatus() {
        HttpResponse.BodySubscriber<byte[]> body = RestChannel.bodies(8, SERVER).apply(new Info(502));
        body.onSubscribe(new Ignored());
        body.onNext(List.of(bytes("123456789")));

        RunwareException e = failureOf(body);
        assertThat(e.code()).isEqualTo(Failures.MALFORMED);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.getMessage()).contains("larger than 8 bytes");
    }

    @Test
    void anAnswerThatBreaksOffIsALostConnectionNamingTheServer() {
        HttpResponse.BodySubscriber<byte[]> body = RestChannel.bodies(100, SERVER).apply(new Info(200));
        body.onSubscribe(new Ignored());
        body.onNext(List.of(bytes("{\"data\":[")));
        body.onError(new IOException("connection reset"));

        RunwareException e = failureOf(body);
        assertThat(e.code()).isEqualTo(Failures.CONNECTION_LOST);
        assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION);
        assertThat(e.getMessage()).contains("api.example.test:443").contains("broke off").contains("connection reset");
    }

    @Test
    void theClientsOwnErrorIsFoundWhereTheHttpClientWrappedIt() {
        RunwareException lost = Failures.connection(Failures.CONNECTION_LOST, "broke off", null);

        assertThat(Failures.wrap(new IOException("wrapped by send", lost), SERVER)).isSameAs(lost);
        assertThat(Failures.wrap(new CompletionException(lost), SERVER)).isSameAs(lost);
        RunwareException plain = Failures.wrap(new IOException("reset by peer"), SERVER);
        assertThat(plain).isNotSameAs(lost);
        assertThat(plain.getMessage()).contains("api.example.test:443").contains("reset by peer");
    }

    private static RunwareException failureOf(HttpResponse.BodySubscriber<byte[]> body) {
        CompletableFuture<byte[]> f = body.getBody().toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        return Failures.wrap(f.handle((v, t) -> t).join(), SERVER);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Ignored implements Flow.Subscription {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
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
