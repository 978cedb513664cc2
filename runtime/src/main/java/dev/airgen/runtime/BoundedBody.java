package dev.airgen.runtime;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an answer as bytes, collected as java.net.http delivers it, so that the thread waiting in
 * {@code send} gets the whole answer at once instead of reading a stream that other threads fill. A body
 * longer than the limit stops the exchange with a malformed-answer error instead of filling the heap; a body
 * that breaks off is a lost connection, so the caller asks the server about its tasks by UUID.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final List<ByteBuffer> parts = new ArrayList<>();
    private final long limit;
    private final int status;
    private final URI server;
    private Flow.Subscription subscription;
    private long size;

    private BoundedBody(long limit, int status, URI server) {
        this.limit = limit;
        this.status = status;
        this.server = server;
    }

    /** A handler whose bodies hold at most {@code limit} bytes; {@code server} is named when one breaks off. */
    static HttpResponse.BodyHandler<byte[]> handler(long limit, URI server) {
        return info -> new BoundedBody(limit, info.statusCode(), server);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer b : items) {
            size += b.remaining();
            parts.add(b);
        }
        if (size > limit) {
            parts.clear();
            subscription.cancel();
            body.completeExceptionally(Failures.malformed("the answer is larger than " + limit + " bytes", status, null));
        }
    }

    @Override
    public void onError(Throwable t) {
        parts.clear();
        // The answer broke off: whatever the server did, it did; the caller asks it by taskUUID.
        body.completeExceptionally(Failures.connection(Failures.CONNECTION_LOST, "the answer from "
                + Failures.hostAndPort(server) + " broke off (" + Failures.describe(t) + ")", t));
    }

    @Override
    public void onComplete() {
        byte[] out = new byte[(int) size];
        int at = 0;
        for (ByteBuffer b : parts) {
            int n = b.remaining();
            b.get(out, at, n);
            at += n;
        }
        parts.clear();
        body.complete(out);
    }

    /**
     * The client's own error inside {@code t}, such as one a body ended with ({@code HttpClient.send} throws it
     * wrapped in an {@code IOException}, {@code sendAsync} in a {@code CompletionException}); null when there is none.
     */
    static RunwareException failure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RunwareException e) {
                return e;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
