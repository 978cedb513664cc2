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
    void anAnswerOverTheLimitIsMalformedWithItsStatusAndStopsTheReading() {
        RestChannel.Body answer = new RestChannel.Body(8, SERVER);
        HttpResponse.BodySubscriber<byte[]> body = answer.apply(new Info(502, -1));
        Ignored subscription = new Ignored();
        body.onSubscribe(subscription);
        body.onNext(List.of(bytes("12345")));
        assertThat(subscription.cancelled).isFalse();
        body.onNext(List.of(bytes("6789")));

        assertThat(subscription.cancelled).isTrue();
        RunwareException e = failureOf(answer, body);
        assertThat(e.code()).isEqualTo(Failures.MALFORMED);
        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.getMessage()).contains("larger than 8 bytes");
    }

    @Test
    void anAnswerDeclaredOverTheLimitIsStoppedAtItsFirstBytes() {
        RestChannel.Body answer = new RestChannel.Body(8, SERVER);
        HttpResponse.BodySubscriber<byte[]> body = answer.apply(new Info(200, 9));
        Ignored subscription = new Ignored();
        body.onSubscribe(subscription);
        body.onNext(List.of(bytes("1")));

        assertThat(subscription.cancelled).isTrue();
        assertThat(failureOf(answer, body).getMessage()).contains("larger than 8 bytes");
    }

    @Test
    void aWholeAnswerIsHandedOverInOnePiece() {
        RestChannel.Body answer = new RestChannel.Body(100, SERVER);
        HttpResponse.BodySubscriber<byte[]> body = answer.apply(new Info(200, -1));
        body.onSubscribe(new Ignored());
        body.onNext(List.of(bytes("{\"data\":"), bytes("[]")));
        body.onNext(List.of(bytes("}")));
        body.onComplete();

        assertThat(new String(body.getBody().toCompletableFuture().join(), StandardCharsets.UTF_8))
                .isEqualTo("{\"data\":[]}");
        assertThat(answer.failure(new IOException("elsewhere"))).hasMessage("elsewhere");
    }

    @Test
    void aFailureBeforeAnyAnswerIsLeftAsItWas() {
        RestChannel.Body answer = new RestChannel.Body(100, SERVER);
        IOException refused = new IOException("connection refused");
        assertThat(answer.failure(refused)).isSameAs(refused);
    }

    @Test
    void anAnswerThatBreaksOffIsALostConnectionNamingTheServer() {
        RestChannel.Body answer = new RestChannel.Body(100, SERVER);
        HttpResponse.BodySubscriber<byte[]> body = answer.apply(new Info(200, -1));
        body.onSubscribe(new Ignored());
        body.onNext(List.of(bytes("{\"data\":[")));
        body.onError(new IOException("connection reset"));

        RunwareException e = failureOf(answer, body);
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

    /** The failure as the channel reports it: the body's own account of what the HTTP client saw. */
    private static RunwareException failureOf(RestChannel.Body answer, HttpResponse.BodySubscriber<byte[]> body) {
        CompletableFuture<byte[]> f = body.getBody().toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        return Failures.wrap(answer.failure(f.handle((v, t) -> t).join()), SERVER);
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final class Ignored implements Flow.Subscription {
        boolean cancelled;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private record Info(int statusCode, long contentLength) implements HttpResponse.ResponseInfo {
        @Override
        public HttpHeaders headers() {
            return HttpHeaders.of(contentLength < 0 ? Map.of() : Map.of("Content-Length", List.of(String.valueOf(contentLength))),
                    (a, b) -> true);
        }

        @Override
        public HttpClient.Version version() {
            return HttpClient.Version.HTTP_1_1;
        }
    }
}
