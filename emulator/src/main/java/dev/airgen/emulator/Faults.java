package dev.airgen.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Faults one emulator injects, changeable at any time from any thread. Counted faults ("the next
 * {@code n} requests") are used up as they fire; the others stay until switched off or {@link #reset()}.
 */
public final class Faults {
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration pollDelay = Duration.ZERO;
    private final AtomicInteger rateLimited = new AtomicInteger();
    private volatile Duration rateLimitRetryAfter = Duration.ofSeconds(1);
    private final AtomicInteger unavailable = new AtomicInteger();
    private volatile Duration unavailableRetryAfter = Duration.ofSeconds(1);
    private final AtomicInteger gatewayTimeouts = new AtomicInteger();
    private volatile boolean insufficientCredits;
    private volatile boolean forbidden;
    private final AtomicInteger dropSockets = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();
    private final AtomicInteger truncated = new AtomicInteger();
    private final AtomicInteger failingTasks = new AtomicInteger();
    private final AtomicReference<String> failingCode = new AtomicReference<>("inferenceError");
    private final Runnable halfOpenAction;

    Faults(Runnable halfOpenAction) {
        this.halfOpenAction = halfOpenAction;
    }

    /** Delay added before every REST request and every WebSocket message is handled. */
    public Faults latency(Duration delay) {
        this.latency = nonNegative(delay);
        return this;
    }

    /** Delay added before every {@code getResponse} answer. */
    public Faults slowPolling(Duration delay) {
        this.pollDelay = nonNegative(delay);
        return this;
    }

    /** The next {@code requests} REST requests (or WebSocket messages) fail with HTTP 429 and {@code Retry-After}. */
    public Faults rateLimit(int requests, Duration retryAfter) {
        rateLimitRetryAfter = nonNegative(retryAfter);
        rateLimited.set(count(requests));
        return this;
    }

    /** The next {@code requests} requests fail with HTTP 503 and {@code Retry-After}. */
    public Faults serviceUnavailable(int requests, Duration retryAfter) {
        unavailableRetryAfter = nonNegative(retryAfter);
        unavailable.set(count(requests));
        return this;
    }

    /** The next {@code requests} requests fail with HTTP 504 (queue wait exceeded). */
    public Faults gatewayTimeout(int requests) {
        gatewayTimeouts.set(count(requests));
        return this;
    }

    /** While on, every authenticated request fails with HTTP 402. */
    public Faults insufficientCredits(boolean on) {
        this.insufficientCredits = on;
        return this;
    }

    /** While on, every authenticated request fails with HTTP 403 (key lacks permission). */
    public Faults forbidden(boolean on) {
        this.forbidden = on;
        return this;
    }

    /**
     * The next {@code tasks} tasks sent over a WebSocket make the server drop that socket right after
     * accepting them (after the ACK for async tasks). The tasks keep running; their results wait for a resume.
     */
    public Faults dropWebSocketMidTask(int tasks) {
        dropSockets.set(count(tasks));
        return this;
    }

    /**
     * Turns every WebSocket open right now into a half-open one: it stays connected but never answers
     * again, not even pings. What it would have sent is kept for a resume. New connections are healthy.
     */
    public Faults halfOpenWebSockets() {
        halfOpenAction.run();
        return this;
    }

    /** The next {@code messages} JSON answers (WebSocket frames, REST bodies, SSE events) are not valid JSON. */
    public Faults malformedFrames(int messages) {
        malformed.set(count(messages));
        return this;
    }

    /** The next {@code messages} JSON answers are cut off halfway. */
    public Faults truncatedFrames(int messages) {
        truncated.set(count(messages));
        return this;
    }

    /** The next {@code tasks} accepted tasks fail while processing with the given error code. */
    public Faults failTasks(int tasks, String code) {
        failingCode.set(Objects.requireNonNull(code, "code"));
        failingTasks.set(count(tasks));
        return this;
    }

    /** Switches every fault off. */
    public Faults reset() {
        latency = Duration.ZERO;
        pollDelay = Duration.ZERO;
        rateLimited.set(0);
        unavailable.set(0);
        gatewayTimeouts.set(0);
        insufficientCredits = false;
        forbidden = false;
        dropSockets.set(0);
        malformed.set(0);
        truncated.set(0);
        failingTasks.set(0);
        return this;
    }

    // ---- used by the server ----

    Duration latency() {
        return latency;
    }

    Duration pollDelay() {
        return pollDelay;
    }

    /** The transient failure the next request gets, if any; consumes one count. */
    ErrorItem takeTransient() {
        if (take(rateLimited)) {
            return new ErrorItem(429, "rateLimitExceeded", "Queue capacity reached; retry after "
                    + rateLimitRetryAfter.toSeconds() + " s", null, null, null, null);
        }
        if (take(unavailable)) {
            return new ErrorItem(503, "serviceUnavailable", "Temporarily out of capacity; retry after "
                    + unavailableRetryAfter.toSeconds() + " s", null, null, null, null);
        }
        if (take(gatewayTimeouts)) {
            return ErrorItem.of(504, "queueTimeout", "The task waited too long in the queue");
        }
        return null;
    }

    long retryAfterSeconds(ErrorItem e) {
        Duration d = e.httpStatus() == 429 ? rateLimitRetryAfter : unavailableRetryAfter;
        return Math.max(0, (d.toMillis() + 999) / 1000);
    }

    ErrorItem accountFailure() {
        if (forbidden) {
            return ErrorItem.of(403, "forbidden", "This API key has no permission for this operation");
        }
        if (insufficientCredits) {
            return ErrorItem.of(402, "insufficientCredits", "The account balance is too low for this request");
        }
        return null;
    }

    boolean takeDrop() {
        return take(dropSockets);
    }

    /** Applies the malformed/truncated faults to one outgoing JSON text. */
    String garble(String json) {
        if (take(malformed)) {
            return "{\"data\":[{\"taskType\" \"malformed\"," + json.length() + "]";
        }
        if (take(truncated)) {
            return json.substring(0, json.length() / 2);
        }
        return json;
    }

    /** The error code for a task that should fail, or null; consumes one count. */
    String takeTaskFailure() {
        return take(failingTasks) ? failingCode.get() : null;
    }

    private static boolean take(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static int count(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + n);
        }
        return n;
    }

    private static Duration nonNegative(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + d);
        }
        return d;
    }
}
