package dev.airgen.runtime.internal;

import dev.airgen.runtime.ApiError;
import dev.airgen.runtime.ErrorCategory;
import dev.airgen.runtime.RunwareApiException;
import dev.airgen.runtime.RunwareException;
import dev.airgen.runtime.types.Json;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Tasks over HTTP: one POST of a JSON array per {@link #send} call, retried with backoff on
 * timeouts, 408, 429, 5xx and network errors (the same body, so the same {@code taskUUID}s).
 */
public final class RestChannel implements Channel {

    private static final System.Logger LOG = System.getLogger("dev.airgen.runtime.internal");

    private final TransportSettings settings;
    private final java.util.Set<CompletableFuture<Answer>> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public RestChannel(TransportSettings settings) {
        this.settings = settings;
    }

    /** An answer to one POST after retries: its status and parsed envelope. */
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
        CompletableFuture<Answer> answer = post(body, deadlineNanos, describe(tasks));
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
     * POSTs {@code body} and reads the envelope, retrying as the policy allows until {@code deadlineNanos}.
     * Completes exceptionally with a {@link RunwareException} for a non-retryable or exhausted failure
     * that carried no envelope; answers with an envelope (any status) complete normally.
     */
    public CompletableFuture<Answer> post(ArrayNode body, long deadlineNanos, String what) {
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        CompletableFuture<Answer> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(Failures.aborted("client is closed"));
            return result;
        }
        inFlight.add(result);
        result.whenComplete((a, t) -> inFlight.remove(result));
        attempt(bytes, 0, deadlineNanos, what, result);
        return result;
    }

    private void attempt(byte[] body, int retry, long deadlineNanos, String what, CompletableFuture<Answer> result) {
        if (result.isDone()) {
            return;
        }
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining <= 0) {
            result.completeExceptionally(Failures.timeout("deadline passed before " + what + " got an answer", null));
            return;
        }
        Duration timeout = Duration.ofNanos(Math.min(remaining, settings.requestTimeout().toNanos()));
        HttpRequest request = HttpRequest.newBuilder(settings.baseUrl())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", settings.userAgent())
                .header("Authorization", "Bearer " + settings.apiKey().reveal())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        settings.http().sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, failure) -> {
                    Outcome outcome = outcome(response, failure);
                    if (outcome.retry && retry < settings.retry().maxRetries()) {
                        Duration delay = settings.retry().delay(retry, outcome.retryAfter);
                        long left = deadlineNanos - System.nanoTime();
                        if (delay.toNanos() < left) {
                            LOG.log(System.Logger.Level.DEBUG, () -> "retrying " + what + " in " + delay.toMillis()
                                    + " ms (retry " + (retry + 1) + " of " + settings.retry().maxRetries() + "): "
                                    + outcome.describe());
                            settings.scheduler().schedule(() -> attempt(body, retry + 1, deadlineNanos, what, result),
                                    delay.toNanos(), TimeUnit.NANOSECONDS);
                            return;
                        }
                    }
                    if (outcome.answer != null) {
                        result.complete(outcome.answer);
                    } else {
                        result.completeExceptionally(outcome.failure);
                    }
                });
    }

    private Outcome outcome(HttpResponse<String> response, Throwable failure) {
        try {
            return failure != null ? networkFailure(failure) : read(response);
        } catch (RuntimeException e) {
            return new Outcome(null, Failures.wrap(e, settings.apiKey()), false, null);
        }
    }

    private Outcome networkFailure(Throwable failure) {
        RunwareException e = Failures.wrap(failure, settings.apiKey());
        return new Outcome(null, e, e.isRetryable(), null);
    }

    private Outcome read(HttpResponse<String> response) {
        int status = response.statusCode();
        boolean retryableStatus = status == 408 || status == 429 || (status >= 500 && status < 600);
        Duration retryAfter = retryAfter(response);
        Envelope envelope = null;
        RunwareException parseFailure = null;
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                envelope = Envelope.parse(Json.mapper().readTree(text), settings.apiKey());
            } catch (JacksonException e) {
                parseFailure = Failures.malformed("body is not valid JSON (" + shorten(e.getOriginalMessage()) + ")",
                        status, null);
            } catch (MalformedResponseException e) {
                parseFailure = Failures.malformed(e.getMessage(), status, null);
            }
        }
        if (retryableStatus) {
            ApiError first = envelope != null && !envelope.errors().isEmpty() ? envelope.errors().get(0)
                    : new ApiError("http" + status, "server answered HTTP " + status, List.of(), null, null, null);
            ErrorCategory category = status == 429 ? ErrorCategory.RATE_LIMIT
                    : status == 408 || status == 504 ? ErrorCategory.TIMEOUT : ErrorCategory.SERVER_ERROR;
            RunwareApiException e = new RunwareApiException(first, status, category, true);
            return new Outcome(null, e, true, retryAfter);
        }
        if (parseFailure != null) {
            return new Outcome(null, parseFailure, false, null);
        }
        if (envelope == null) {
            if (status >= 400) {
                return new Outcome(new Answer(status, new Envelope(List.of(), List.of(statusError(status, null)))),
                        null, false, null);
            }
            return new Outcome(null, Failures.malformed("empty body with HTTP " + status, status, null), false, null);
        }
        return new Outcome(new Answer(status, envelope), null, false, null);
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
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? null : Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime when = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(when.getZone()), when);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException unreadable) {
                return null;
            }
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

    private record Outcome(Answer answer, RunwareException failure, boolean retry, Duration retryAfter) {
        String describe() {
            return failure != null ? failure.getMessage() : "HTTP " + answer.status();
        }
    }
}
