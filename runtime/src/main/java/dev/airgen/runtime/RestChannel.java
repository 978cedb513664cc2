package dev.airgen.runtime;

import dev.airgen.runtime.types.Json;
import dev.airgen.schema.io.CappedBody;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Tasks over HTTP: one POST of a JSON array per {@link #send} call. The channel never repeats a POST;
 * its failures say whether the server took the tasks ({@link Failures#fate}), and the task runner
 * decides whether to send again or to ask for the tasks by UUID.
 */
final class RestChannel implements Channel {

    /** The largest answer read; a bigger one is a malformed answer, not an out-of-memory error. */
    static final int MAX_BODY_BYTES = 256 * 1024 * 1024;

    private final TransportSettings settings;
    private final Set<CompletableFuture<Answer>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public RestChannel(TransportSettings settings) {
        this.settings = settings;
    }

    /** An answer to one POST: its status and parsed envelope. */
    public record Answer(int status, Envelope envelope) {
    }

    @Override
    public List<CompletableFuture<TaskReply>> send(List<TaskSpec> tasks, long deadlineNanos) {
        ArrayNode body = Json.mapper().createArrayNode();
        Map<String, TaskSpec> byUuid = new LinkedHashMap<>();
        for (TaskSpec task : tasks) {
            body.add(task.json());
            byUuid.put(task.taskUUID(), task);
        }
        CompletableFuture<Answer> answer = post(body, deadlineNanos, () -> describe(tasks));
        List<CompletableFuture<TaskReply>> out = new ArrayList<>(tasks.size());
        for (TaskSpec task : tasks) {
            out.add(answer.thenApply(a -> split(task, a, byUuid)));
        }
        return out;
    }

    private static String describe(List<TaskSpec> tasks) {
        if (tasks.size() == 1) {
            return tasks.get(0).taskType() + " " + tasks.get(0).taskUUID();
        }
        return tasks.size() + " tasks";
    }

    private static TaskReply split(TaskSpec task, Answer answer, Map<String, TaskSpec> all) {
        Envelope env = answer.envelope();
        List<JsonNode> items = env.itemsFor(task.taskUUID());
        List<ApiError> errors = new ArrayList<>(env.errorsFor(task.taskUUID()));
        if (items.isEmpty() && errors.isEmpty()) {
            errors.addAll(env.unroutedErrors(all));
        }
        if (items.isEmpty() && errors.isEmpty()) {
            if (answer.status() >= 400) {
                errors.add(statusError(answer.status(), task.taskUUID()));
            } else {
                throw Failures.malformed("no result and no error for task " + task.taskUUID(), answer.status(), null);
            }
        }
        return new TaskReply(task.taskUUID(), items, errors, answer.status());
    }

    private static ApiError statusError(int status, String taskUUID) {
        String code = status == 401 ? "invalidApiKey" : "http" + status;
        return new ApiError(code, "server answered HTTP " + status + " without an error body", List.of(), taskUUID,
                null, null);
    }

    /**
     * POSTs {@code body} once and reads the envelope. Completes exceptionally with a
     * {@link RunwareException} when no envelope could be had; {@code what} names the tasks in that failure (built only
     * then).
     */
    public CompletableFuture<Answer> post(ArrayNode body, long deadlineNanos, Supplier<String> what) {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        if (closed) {
            return CompletableFuture.failedFuture(Failures.aborted("client is closed"));
        }
        CompletableFuture<Answer> result = new CompletableFuture<>();
        attempt(bytes, deadlineNanos, what).whenComplete((a, t) -> {
            if (t != null) {
                result.completeExceptionally(Failures.wrap(t));
            } else {
                result.complete(a);
            }
        });
        inFlight.add(result);
        result.whenComplete((a, t) -> inFlight.remove(result));
        return result;
    }

    private CompletableFuture<Answer> attempt(byte[] body, long deadlineNanos, Supplier<String> what) {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.failedFuture(Failures.timeout("deadline passed before " + what.get() + " got an answer",
                    null));
        }
        if (closed) {
            return CompletableFuture.failedFuture(Failures.aborted("client is closed"));
        }
        Duration timeout = Duration.ofNanos(Math.min(remaining, settings.requestTimeout().toNanos()));
        HttpRequest request = settings.post(body, "application/json", timeout);
        Body answer = new Body(MAX_BODY_BYTES, settings.baseUrl());
        return exchange(request, answer).handle((response, failure) -> {
            if (failure != null) {
                throw Failures.wrap(answer.failure(failure), settings.baseUrl());
            }
            return read(response);
        });
    }

    /**
     * Sends one request. On the client's own pool a thread waits for the answer: {@code sendAsync} hands every
     * answer to CompletableFuture's default executor, which starts a new thread per answer on machines with one
     * or two processors (the JDK's common pool is not used below three), while a pool thread is reused. A
     * supplied executor may be bounded or shared with the HTTP client's own work, so there the call stays
     * asynchronous.
     */
    private CompletableFuture<HttpResponse<byte[]>> exchange(HttpRequest request, Body body) {
        if (!settings.executorGrows()) {
            return settings.http().sendAsync(request, body);
        }
        CompletableFuture<HttpResponse<byte[]>> response = new CompletableFuture<>();
        try {
            settings.executor().execute(() -> {
                try {
                    response.complete(settings.http().send(request, body));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    response.completeExceptionally(Failures.aborted("interrupted while waiting for an answer"));
                } catch (IOException | RuntimeException e) {
                    response.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            response.completeExceptionally(e);
        }
        return response;
    }

    /**
     * How one answer's body is read: as bytes, collected as java.net.http delivers them, so that the thread waiting in
     * {@code send} gets the whole answer at once instead of reading a stream that the HTTP client's threads fill. An
     * answer longer than {@code limit} is stopped there and is a malformed answer; one that breaks off is a lost
     * connection, whose tasks the caller asks about by UUID (whatever the server did, it did). The body is read through
     * java.net.http's own adapter ({@link CappedBody#direct}), which completes the answer on the thread that read it;
     * the HTTP client then reports a failed body as it saw it, and {@link #failure} tells which of the two it was.
     */
    static final class Body implements HttpResponse.BodyHandler<byte[]> {
        private final long limit;
        private final java.net.URI server;
        private volatile CappedBody body;

        Body(long limit, java.net.URI server) {
            this.limit = limit;
            this.server = server;
        }

        @Override
        public HttpResponse.BodySubscriber<byte[]> apply(HttpResponse.ResponseInfo info) {
            CappedBody b = CappedBody.of(limit, info, t -> t instanceof CappedBody.TooLarge
                    ? Failures.malformed("the answer is larger than " + limit + " bytes", info.statusCode(), null)
                    : Failures.connection(Failures.CONNECTION_LOST, "the answer from " + Failures.hostAndPort(server)
                            + " broke off (" + Failures.describe(t) + ")", t));
            body = b;
            return b.direct();
        }

        /** How the exchange failed: the body's own account once an answer had begun, else {@code failure} itself. */
        Throwable failure(Throwable failure) {
            CappedBody b = body;
            Throwable own = b == null ? null : b.failure();
            return own != null ? own : failure;
        }
    }

    private Answer read(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        Duration retryAfter = retryAfter(response);
        Envelope envelope = null;
        RunwareException unreadable = null;
        try {
            // An empty body, or one of whitespace only, reads as a missing node: an empty answer, not a malformed one.
            JsonNode tree = Json.mapper().readTree(response.body());
            if (!tree.isMissingNode()) {
                envelope = Envelope.parse(tree);
            }
        } catch (JacksonException e) {
            unreadable = Failures.malformed("body is not valid JSON (" + shorten(e.getOriginalMessage()) + ")",
                    status, null);
        } catch (MalformedResponseException e) {
            unreadable = Failures.malformed(e.getMessage(), status, null);
        }
        if (status == 408 || status == 429 || status == 503 || status == 504) {
            // Turned away for now: the server did not take the tasks.
            ApiError first = envelope != null && !envelope.errors().isEmpty() ? envelope.errors().get(0)
                    : new ApiError("http" + status, "server answered HTTP " + status, List.of(), null, null, null);
            ErrorCategory category = status == 429 ? ErrorCategory.RATE_LIMIT
                    : status == 503 ? ErrorCategory.SERVER_ERROR : ErrorCategory.TIMEOUT;
            ApiError withHint = new ApiError(first.code(), first.message(), first.parameters(), first.taskUUID(),
                    first.taskType(), first.documentation(), retryAfter != null ? retryAfter : first.retryAfter());
            throw new RunwareApiException(withHint, status, category, true);
        }
        if (unreadable != null) {
            throw unreadable;
        }
        if (envelope == null) {
            if (status >= 500) {
                throw new dev.airgen.runtime.RunwareTransportException(RunwareException.details(
                        ErrorCategory.SERVER_ERROR, Failures.SERVER_FAILED, "server answered HTTP " + status
                                + " with an empty body").httpStatus(status), null);
            }
            if (status >= 400) {
                return new Answer(status, new Envelope(List.of(), List.of(statusError(status, null))));
            }
            throw Failures.malformed("empty body with HTTP " + status, status, null);
        }
        return new Answer(status, envelope);
    }

    private static String shorten(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }

    /** Reads {@code Retry-After} as seconds or as an HTTP date. */
    static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return null;
        }
        String value = header.get().trim();
        Duration seconds = Failures.seconds(value);
        if (seconds != null) {
            return seconds;
        }
        try {
            ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** Fails every call still waiting for an answer or a retry; later calls fail at once. */
    @Override
    public void close() {
        closed = true;
        RunwareException aborted = Failures.aborted("client closed while the request was pending");
        for (CompletableFuture<Answer> f : List.copyOf(inFlight)) {
            f.completeExceptionally(aborted);
        }
    }
}
