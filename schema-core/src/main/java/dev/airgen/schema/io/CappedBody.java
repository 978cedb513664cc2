package dev.airgen.schema.io;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.UnaryOperator;

/**
 * An HTTP body collected into bytes up to a cap, for bodies that come from a server and so must not decide how
 * much memory they take: a declared length ({@code Content-Length}) over the cap is refused before anything is
 * read, and a body that grows past it is stopped there; both end with {@link TooLarge}. Every way the body can
 * fail goes through the {@code failures} function given, so that a caller can turn it into its own error type.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body would pass the cap; the message says what the server declared or sent. */
    public static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    /** The longest array a JVM reliably allocates: no cap goes above it. */
    private static final long LONGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final List<ByteBuffer> parts = new ArrayList<>();
    private final long max;
    private final long declared;
    private final UnaryOperator<Throwable> failures;
    private volatile Flow.Subscription subscription;
    private long size;
    /** Whether java.net.http's adapter wraps this body (see {@link #direct}): the cap is then reported by throwing. */
    private boolean adapted;

    /**
     * @param max      the most bytes kept (at most about 2 GiB, the longest array)
     * @param declared the length the response declares, or a negative number when it declares none
     * @param failures turns each failure ({@link TooLarge}, or what the HTTP client reported) into the one the body ends with
     */
    private CappedBody(long max, long declared, UnaryOperator<Throwable> failures) {
        if (max < 0) {
            throw new IllegalArgumentException("the cap must not be negative, got " + max);
        }
        this.max = Math.min(max, LONGEST_ARRAY);
        this.declared = declared;
        this.failures = failures;
    }

    /** A body with the length {@code info} declares, failures left as they are. */
    public static CappedBody of(long max, HttpResponse.ResponseInfo info) {
        return of(max, info, UnaryOperator.identity());
    }

    /** A body with the length {@code info} declares, each failure turned by {@code failures}. */
    public static CappedBody of(long max, HttpResponse.ResponseInfo info, UnaryOperator<Throwable> failures) {
        return new CappedBody(max, info.headers().firstValueAsLong("Content-Length").orElse(-1), failures);
    }

    /**
     * This body behind java.net.http's own adapter ({@code BodySubscribers.fromSubscriber}). The HTTP client hands the
     * completion of a body of an unknown kind to its executor, so that a slow {@code getBody} cannot hold up its
     * reading thread: one more thread switch per answer. Its own adapter is exempt, and so a body read through this
     * method completes on the thread that read its last bytes.
     *
     * <p>The adapter fails the response with what the HTTP client reported, as it was; the failure the
     * {@code failures} function made of it stays available from {@link #failure()}. Passing the cap still fails the
     * response with the failure made of {@link TooLarge}, and stops the reading. A declared length over the cap is
     * refused when the first bytes arrive instead of before. {@link #abort} is for a body read without the adapter,
     * whose response it cannot end.
     */
    public HttpResponse.BodySubscriber<byte[]> direct() {
        adapted = true;
        return HttpResponse.BodySubscribers.fromSubscriber(this, CappedBody::collected);
    }

    /** What the body ended with when it failed, as the {@code failures} function made it; null while it has not. */
    public Throwable failure() {
        return result.isCompletedExceptionally() ? result.handle((bytes, failure) -> failure).join() : null;
    }

    private byte[] collected() {
        return result.join();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declared > max) {
            if (adapted) {
                s.request(1);   // refused at the first bytes, where throwing ends the response (see direct)
                return;
            }
            overCap(new TooLarge("declares a body of " + declared + " bytes (Content-Length); none of it was read"));
            return;
        }
        s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        if (declared > max) {
            overCap(new TooLarge("declares a body of " + declared + " bytes (Content-Length); none of it was kept"));
            return;
        }
        for (ByteBuffer item : items) {
            size += item.remaining();
            parts.add(item);
        }
        if (size > max) {
            overCap(new TooLarge("sent more than " + max + " bytes and was stopped there"));
        }
    }

    /** Stops the reading; behind the adapter the failure is thrown, which is how it ends the response there. */
    private void overCap(TooLarge tooLarge) {
        if (adapted) {
            fail(tooLarge);
            throw new Stopped(failure());
        }
        subscription.cancel();
        fail(tooLarge);
    }

    /** Carries the failure made of {@link TooLarge} through the adapter, which cancels the reading on it. */
    private static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(Throwable failure) {
            super(failure.getMessage(), failure, false, false);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        fail(throwable);
    }

    @Override
    public synchronized void onComplete() {
        if (result.isDone()) {
            return;
        }
        byte[] out = new byte[(int) size];
        int at = 0;
        for (ByteBuffer b : parts) {
            int n = b.remaining();
            b.get(out, at, n);
            at += n;
        }
        parts.clear();
        result.complete(out);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Stops the body from outside (a deadline passed); it ends with {@code why}. */
    public void abort(IOException why) {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        fail(why);
    }

    private synchronized void fail(Throwable t) {
        if (result.isDone()) {
            return;
        }
        parts.clear();
        result.completeExceptionally(failures.apply(t));
    }
}
