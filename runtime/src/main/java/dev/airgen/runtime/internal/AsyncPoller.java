package dev.airgen.runtime.internal;

import dev.airgen.runtime.ApiError;
import dev.airgen.runtime.ErrorCategory;
import dev.airgen.runtime.PollingPolicy;
import dev.airgen.runtime.Progress;
import dev.airgen.runtime.RunwareApiException;
import dev.airgen.runtime.RunwareException;
import dev.airgen.runtime.types.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Polls {@code getResponse} for one async task until it has all its results, fails, or runs out of
 * time. Poll answers are cumulative (every poll repeats what earlier polls returned), so finished
 * items are kept by a stable key and counted once. Retryable poll failures are tolerated until the
 * deadline; the first error item or non-retryable error ends the task.
 */
public final class AsyncPoller {

    private static final System.Logger LOG = System.getLogger("dev.airgen.runtime.internal");
    private static final String[] MEDIA_KEYS = {
            "imageUUID", "videoUUID", "audioUUID", "modelUUID", "mediaUUID", "guideImageUUID", "maskImageUUID"};

    private final Channel channel;
    private final TransportSettings settings;
    private final PollingPolicy policy;
    private final String taskUUID;
    private final String taskType;
    private final int expected;
    private final long deadlineNanos;
    private final Map<String, JsonNode> finished = new LinkedHashMap<>();
    private final List<Consumer<Progress>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
    private volatile ScheduledFuture<?> next;
    private int polls;
    private String lastStatus = "submitted";

    public AsyncPoller(Channel channel, TransportSettings settings, PollingPolicy policy, String taskUUID,
                       String taskType, int expected, long deadlineNanos) {
        this.channel = channel;
        this.settings = settings;
        this.policy = policy;
        this.taskUUID = taskUUID;
        this.taskType = taskType;
        this.expected = Math.max(1, expected);
        this.deadlineNanos = deadlineNanos;
    }

    /** The items of the finished task, in the order the server lists them. */
    public CompletableFuture<List<JsonNode>> result() {
        return result;
    }

    public void addListener(Consumer<Progress> listener) {
        listeners.add(listener);
    }

    /** Starts polling; the first poll runs after the policy's initial delay. */
    public AsyncPoller start() {
        long left = deadlineNanos - System.nanoTime();
        ScheduledFuture<?> timer = settings.scheduler().schedule(this::expire, Math.max(0, left), TimeUnit.NANOSECONDS);
        result.whenComplete((r, t) -> {
            timer.cancel(false);
            ScheduledFuture<?> n = next;
            if (n != null) {
                n.cancel(false);
            }
        });
        schedule();
        return this;
    }

    /** Stops polling; the result fails with an {@code aborted} error. The task itself keeps running on the server. */
    public boolean cancel() {
        return result.completeExceptionally(Failures.aborted("stopped waiting for task " + taskUUID
                + " (the task itself is not cancelled on the server)"));
    }

    private synchronized void schedule() {
        if (result.isDone()) {
            return;
        }
        long delay = policy.delay(polls).toNanos();
        long left = deadlineNanos - System.nanoTime();
        next = settings.scheduler().schedule(this::poll, Math.max(0, Math.min(delay, left)), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        int got;
        synchronized (this) {
            got = finished.size();
        }
        result.completeExceptionally(Failures.timeout("task " + taskUUID + " did not finish within "
                + policy.timeout().toSeconds() + " s (last status " + lastStatus + ", " + got + " of "
                + expected + " results)", taskUUID));
    }

    private void poll() {
        if (result.isDone()) {
            return;
        }
        synchronized (this) {
            polls++;
        }
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("taskType", "getResponse");
        json.put("taskUUID", taskUUID);
        long pollDeadline = Math.min(deadlineNanos, System.nanoTime() + settings.requestTimeout().toNanos());
        CompletableFuture<TaskReply> reply;
        try {
            reply = channel.send(List.of(new TaskSpec(taskUUID, "getResponse", json, TaskSpec.Mode.POLL, 1)),
                    pollDeadline).get(0);
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
        }
        reply.whenComplete((r, t) -> {
            try {
                if (t != null) {
                    onFailure(Failures.wrap(t, settings.apiKey()));
                } else {
                    onReply(r);
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(Failures.wrap(e, settings.apiKey()));
            }
        });
    }

    private void onFailure(RunwareException e) {
        if (e.isRetryable() && System.nanoTime() >= deadlineNanos) {
            // A poll cut short by the overall deadline: report the deadline, not the poll.
            expire();
            return;
        }
        if (e.isRetryable()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "poll of " + taskUUID + " failed, polling again: " + e.getMessage());
            schedule();
        } else {
            result.completeExceptionally(e);
        }
    }

    private void onReply(TaskReply reply) {
        Progress progress;
        List<JsonNode> done = null;
        RunwareException failure = null;
        synchronized (this) {
            Integer percent = null;
            for (JsonNode item : reply.items()) {
                String status = Envelope.text(item, "status");
                if (status == null) {
                    status = "success";
                }
                lastStatus = status;
                if ("error".equals(status) || "failed".equals(status)) {
                    failure = itemError(item, reply.httpStatus());
                    break;
                }
                if ("success".equals(status) || "completed".equals(status)) {
                    finished.putIfAbsent(key(item), item);
                } else if (item.path("progress").isNumber()) {
                    percent = item.get("progress").asInt();
                }
            }
            if (failure == null && !reply.errors().isEmpty()) {
                RunwareException e = Failures.fromErrors(reply.errors(), reply.httpStatus());
                if (!e.isRetryable()) {
                    failure = e;
                }
            }
            progress = new Progress(taskUUID, lastStatus, percent == null ? OptionalInt.empty() : OptionalInt.of(percent),
                    finished.size(), expected);
            if (failure == null && finished.size() >= expected) {
                done = new ArrayList<>(finished.values());
            }
        }
        for (Consumer<Progress> listener : listeners) {
            try {
                listener.accept(progress);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "progress listener failed: " + e);
            }
        }
        if (failure != null) {
            result.completeExceptionally(failure);
        } else if (done != null) {
            result.complete(done);
        } else if (System.nanoTime() >= deadlineNanos) {
            expire();
        } else {
            schedule();
        }
    }

    private RunwareException itemError(JsonNode item, int status) {
        JsonNode error = item.path("error");
        String code = error.isObject() ? Envelope.text(error, "code") : null;
        String message = error.isObject() ? Envelope.text(error, "message") : error.isString() ? error.asString() : null;
        List<String> parameters = new ArrayList<>();
        JsonNode p = error.path("parameter");
        if (p.isString()) {
            parameters.add(p.asString());
        } else if (p.isArray()) {
            p.forEach(n -> parameters.add(n.asString()));
        }
        ApiError apiError = new ApiError(code == null ? "taskFailed" : code,
                settings.apiKey().redact(message == null ? "task failed" : message), parameters, taskUUID, taskType,
                error.isObject() ? Envelope.text(error, "documentation") : null);
        ErrorCategory category = ErrorCategory.classify(apiError.code(), status);
        return new RunwareApiException(apiError, status, category == ErrorCategory.UNKNOWN ? ErrorCategory.PROVIDER
                : category, null);
    }

    /** A key that stays the same for the same result across cumulative polls. */
    static String key(JsonNode item) {
        JsonNode index = item.get("resultIndex");
        if (index != null && !index.isNull()) {
            return "#" + index.asString();
        }
        for (String k : MEDIA_KEYS) {
            String v = Envelope.text(item, k);
            if (v != null) {
                return k + ":" + v;
            }
        }
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.remove("status");
        copy.remove("progress");
        return copy.toString();
    }
}
