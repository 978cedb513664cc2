package dev.airgen.runtime;

import dev.airgen.runtime.internal.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Takes each task to its outcome, whatever the transport does meanwhile. This is where the recovery
 * model of docs/runtime.md lives:
 *
 * <ul>
 *   <li>A task is sent again only when the server did not take it: the connection could not be made, the
 *       server turned it away for now (429/503/504, rate limits; after their {@code Retry-After}), or the
 *       server answered a poll with "no such task".</li>
 *   <li>Any other fault (an unreadable or cut-off answer, a lost connection, a silent socket, a deadline of
 *       one exchange) may have happened after the server took the task: the task is then asked for by its
 *       UUID ({@code getResponse}) until it finishes, fails or its own deadline passes.</li>
 *   <li>A failure the server reports for the task itself (validation, inference, safety...) ends it with
 *       that error; so does a request-level refusal such as a wrong key or no credits.</li>
 *   <li>Async tasks are polled from their acknowledgement on. Results count once however often they
 *       arrive, and each new one is handed to the task's hooks as it arrives.</li>
 * </ul>
 */
final class TaskRunner implements AutoCloseable {

    private final Channel channel;
    private final TransportSettings settings;
    private final PollingPolicy polling;
    private final Set<Run> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public TaskRunner(Channel channel, TransportSettings settings, PollingPolicy polling) {
        this.channel = channel;
        this.settings = settings;
        this.polling = polling;
    }

    /**
     * A task ready to send.
     *
     * @param uuid     its taskUUID
     * @param taskType its task type
     * @param json     the task object as sent
     * @param async    whether it is delivered through {@code getResponse} (an acknowledgement, then polls)
     * @param expected how many results finish it
     */
    public record Task(String uuid, String taskType, ObjectNode json, boolean async, int expected) {
    }

    /** What a caller hears while a task runs; called on client threads, one call at a time per task. */
    public interface Hooks {
        /** A new result item (each counted once). */
        default void item(JsonNode item) {
        }

        /** The task's state after a poll or a new result. */
        default void progress(Progress progress) {
        }
    }

    /** Prepares a run; nothing is sent before {@link #start}. */
    public Run prepare(Task task, long deadlineNanos, Hooks hooks) {
        return new Run(task, deadlineNanos, hooks == null ? new Hooks() { } : hooks);
    }

    /** Sends the first attempt of every run together (one request or frame), then lets each run on its own. */
    public void start(List<Run> runs) {
        List<Run> live = new ArrayList<>();
        for (Run run : runs) {
            if (closed) {
                run.fail(Failures.aborted("the client was closed"));
            } else if (run.begin()) {
                live.add(run);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        List<TaskSpec> specs = new ArrayList<>(live.size());
        long deadline = Long.MIN_VALUE;
        for (Run run : live) {
            specs.add(run.spec());
            deadline = Math.max(deadline, run.deadlineNanos);
        }
        List<CompletableFuture<TaskReply>> replies;
        try {
            replies = channel.send(specs, deadline);
        } catch (RuntimeException e) {
            live.forEach(r -> r.sent(r.sends, null, e));
            return;
        }
        for (int i = 0; i < live.size(); i++) {
            Run run = live.get(i);
            int attempt = run.sends;
            replies.get(i).whenComplete((reply, failure) -> run.sent(attempt, reply, failure));
        }
    }

    /** Fails every run still going with {@code aborted}. */
    @Override
    public void close() {
        closed = true;
        RunwareException aborted = Failures.aborted("the client was closed while the task was running");
        for (Run run : List.copyOf(running)) {
            run.fail(aborted);
        }
    }

    /** One task on its way to an outcome. */
    public final class Run implements TaskSpec.Listener {
        private final Task task;
        private final long deadlineNanos;
        private final Hooks hooks;
        private final CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
        private final Map<String, JsonNode> items = new LinkedHashMap<>();
        private final Object hooksLock = new Object();
        private int sends;
        private int refusals;
        private boolean acknowledged;
        private boolean polling;
        private int polls;
        private String lastStatus = "submitted";
        private RunwareException lastProblem;
        private Deadlines.Entry deadlineTimer;
        private ScheduledFuture<?> next;

        private Run(Task task, long deadlineNanos, Hooks hooks) {
            this.task = task;
            this.deadlineNanos = deadlineNanos;
            this.hooks = hooks;
        }

        /** Completes with the results in arrival order, or fails with the task's {@link RunwareException}. */
        public CompletableFuture<List<JsonNode>> result() {
            return result;
        }

        public String taskUUID() {
            return task.uuid();
        }

        /** Stops waiting (no more sends or polls); the result fails with {@code cancelled}. */
        public boolean cancel() {
            return fail(Failures.cancelled(task.uuid()));
        }

        private synchronized boolean begin() {
            if (result.isDone()) {
                return false;
            }
            running.add(this);
            result.whenComplete((r, t) -> finished());
            try {
                deadlineTimer = settings.deadlines().add(deadlineNanos, this::expire);
            } catch (RejectedExecutionException closing) {
                fail(Failures.aborted("the client was closed"));
            }
            sends = 1;
            return true;
        }

        private void finished() {
            running.remove(this);
            Deadlines.Entry timer;
            ScheduledFuture<?> poll;
            synchronized (this) {
                timer = deadlineTimer;
                poll = next;
            }
            if (timer != null) {
                timer.cancel();
            }
            if (poll != null) {
                poll.cancel(false);
            }
        }

        private TaskSpec spec() {
            return new TaskSpec(task.uuid(), task.taskType(), task.json(),
                    task.async() ? TaskSpec.Mode.ACK : TaskSpec.Mode.SYNC, task.async() ? 1 : task.expected(), this);
        }

        // ---------------------------------------------------------------- sending

        private void send() {
            int attempt;
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                attempt = ++sends;
                polling = false;
            }
            Log.debug(() -> "sending task " + task.uuid() + " again (attempt " + attempt + "): the server did not take it");
            CompletableFuture<TaskReply> reply;
            try {
                reply = channel.send(List.of(spec()), deadlineNanos).get(0);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((r, t) -> sent(attempt, r, t));
        }

        /**
         * The server did not take the task: send it again after the retry policy's wait (at least the
         * server's {@code Retry-After}), as often as the policy allows; then the refusal is the outcome.
         */
        private void sendLater(RunwareException refusal, Duration retryAfter) {
            lastProblem = refusal;
            int n;
            synchronized (this) {
                n = refusals++;
            }
            Duration wait = settings.retry().delay(n, retryAfter);
            if (n >= settings.retry().maxRetries() || System.nanoTime() + wait.toNanos() >= deadlineNanos) {
                fail(refusal);
                return;
            }
            Log.debug(() -> "task " + task.uuid() + " was not taken (" + refusal.getMessage() + "); sending again in "
                    + wait.toMillis() + " ms");
            synchronized (this) {
                if (!result.isDone()) {
                    next = schedule(this::send, wait.toNanos());
                }
            }
        }

        /** The outcome of send number {@code attempt}. */
        private void sent(int attempt, TaskReply reply, Throwable failure) {
            synchronized (this) {
                if (result.isDone() || attempt != sends) {
                    return;
                }
            }
            if (failure != null) {
                RunwareException e = Failures.wrap(failure);
                if (Failures.SUPERSEDED.equals(e.code())) {
                    return;
                }
                lastProblem = e;
                switch (Failures.fate(e)) {
                    case NOT_TAKEN -> sendLater(e, e.retryAfter().orElse(null));
                    case MAYBE_TAKEN -> recover("the exchange failed: " + e.getMessage());
                    case FINAL -> fail(e);
                }
                return;
            }
            if (!reply.errors().isEmpty()) {
                taskError(reply.errors().get(0), reply.httpStatus(), reply.items().isEmpty());
                return;
            }
            if (task.async()) {
                synchronized (this) {
                    acknowledged = true;
                    lastStatus = "processing";
                }
                startPolling();
                return;
            }
            for (JsonNode item : reply.items()) {
                if (ResultKey.isResult(item)) {
                    add(item, true);
                }
            }
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
            }
            recover("the answer held " + items.size() + " of " + task.expected() + " results");
        }

        /** An error the server sent for this task (or for the whole request). */
        private void taskError(ApiError error, int status, boolean nothingElse) {
            if (Failures.isRefusal(error, status)) {
                sendLater(own(error, status), error.retryAfter());
                return;
            }
            if ("duplicateTaskUUID".equalsIgnoreCase(error.code()) && sends > 1) {
                // An earlier send arrived after all: the server has the task.
                recover("the server already has the task");
                return;
            }
            if (status >= 500 && error.taskUUID() == null && nothingElse) {
                lastProblem = RunwareApiException.of(error, status);
                recover("the server failed (HTTP " + status + ") without naming the task");
                return;
            }
            fail(own(error, status));
        }

        /** {@code error} completed with this task's identity. */
        private RunwareException own(ApiError e, int status) {
            ApiError filled = new ApiError(e.code(), e.message(), e.parameters(),
                    e.taskUUID() != null ? e.taskUUID() : task.uuid(), e.taskType() != null ? e.taskType() : task.taskType(),
                    e.documentation(), e.retryAfter());
            return RunwareApiException.of(filled, status);
        }

        // ---------------------------------------------------------------- listener (WebSocket)

        @Override
        public void item(JsonNode item) {
            add(item, true);
        }

        /** Counts a result once; tells the hooks; completes the task with its last result. */
        private void add(JsonNode item, boolean withProgress) {
            boolean complete;
            Progress progress;
            synchronized (this) {
                if (result.isDone() || items.putIfAbsent(ResultKey.of(item), item) != null) {
                    return;
                }
                complete = items.size() >= task.expected();
                progress = progress(null);
            }
            safely(() -> hooks.item(item));
            if (withProgress || complete) {
                safely(() -> hooks.progress(progress));
            }
            if (complete) {
                complete();
            }
        }

        @Override
        public void suspect(String why) {
            if (lastProblem == null) {
                lastProblem = Failures.connection(Failures.CONNECTION_LOST, why, null);
            }
            recover(why);
        }

        // ---------------------------------------------------------------- recovery and polling

        /** Asks the server for the task by UUID from now on (a no-op when that is already happening). */
        private void recover(String why) {
            synchronized (this) {
                if (result.isDone() || polling) {
                    return;
                }
            }
            Log.debug(() -> "task " + task.uuid() + ": " + why + "; asking the server for it by UUID");
            startPolling();
        }

        private void startPolling() {
            synchronized (this) {
                if (result.isDone() || polling) {
                    return;
                }
                polling = true;
            }
            schedulePoll();
        }

        private synchronized void schedulePoll() {
            if (result.isDone() || !polling) {
                return;
            }
            long delay = polling().delay(polls).toNanos();
            long left = deadlineNanos - System.nanoTime();
            next = schedule(this::poll, Math.max(0, Math.min(delay, left)));
        }

        private void poll() {
            int attempt;
            synchronized (this) {
                if (result.isDone() || !polling) {
                    return;
                }
                polls++;
                attempt = sends;
            }
            long pollDeadline = Math.min(deadlineNanos, System.nanoTime() + settings.requestTimeout().toNanos());
            CompletableFuture<TaskReply> reply;
            try {
                reply = channel.send(List.of(TaskSpec.poll(task.uuid())), pollDeadline).get(0);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            reply.whenComplete((r, t) -> {
                try {
                    polled(attempt, r, t);
                } catch (RuntimeException e) {
                    fail(Failures.wrap(e));
                }
            });
        }

        private void polled(int attempt, TaskReply reply, Throwable failure) {
            synchronized (this) {
                if (result.isDone() || attempt != sends || !polling) {
                    return;
                }
            }
            if (failure != null) {
                RunwareException e = Failures.wrap(failure);
                if (Failures.fate(e) == Failures.Fate.FINAL && !Failures.SUPERSEDED.equals(e.code())
                        && e.category() != ErrorCategory.TIMEOUT) {
                    fail(e);
                    return;
                }
                if (lastProblem == null || e.category() != ErrorCategory.TIMEOUT) {
                    lastProblem = e;   // a poll cut short by the deadline says less than what made the task poll
                }
                Log.debug(() -> "poll of " + task.uuid() + " failed, polling again: " + e.getMessage());
                schedulePoll();
                return;
            }
            Integer percent = null;
            for (JsonNode item : reply.items()) {
                String status = Envelope.text(item, "status");
                status = status == null ? (ResultKey.isResult(item) ? "success" : "processing") : status.toLowerCase(Locale.ROOT);
                synchronized (this) {
                    lastStatus = status;
                }
                if (status.equals("error") || status.equals("failed")) {
                    fail(itemError(item, reply.httpStatus()));
                    return;
                }
                if (ResultKey.isResult(item)) {
                    add(item, false);
                } else if (item.path("progress").isNumber()) {
                    percent = item.get("progress").asInt();
                }
            }
            if (result.isDone()) {
                return;
            }
            if (reply.items().isEmpty() && !reply.errors().isEmpty()) {
                ApiError error = reply.errors().get(0);
                if (isUnknownTask(error)) {
                    Log.debug(() -> "the server does not know task " + task.uuid() + "; sending it");
                    send();
                    return;
                }
                if (Failures.isRefusal(error, reply.httpStatus())) {
                    lastProblem = RunwareApiException.of(error, reply.httpStatus());
                    schedulePoll();
                    return;
                }
                fail(own(error, reply.httpStatus()));
                return;
            }
            Progress progress;
            synchronized (this) {
                progress = progress(percent);
            }
            safely(() -> hooks.progress(progress));
            schedulePoll();
        }

        private boolean isUnknownTask(ApiError error) {
            String code = error.code() == null ? "" : error.code().toLowerCase(Locale.ROOT);
            return code.equals("tasknotfound") || code.equals("unknowntask");
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
            ApiError apiError = new ApiError(code == null ? "taskFailed" : code, message == null ? "task failed" : message,
                    parameters, task.uuid(), task.taskType(), error.isObject() ? Envelope.text(error, "documentation") : null);
            ErrorCategory category = ErrorCategory.classify(apiError.code(), status);
            return new RunwareApiException(apiError, status, category == ErrorCategory.UNKNOWN ? ErrorCategory.PROVIDER
                    : category, null);
        }

        // ---------------------------------------------------------------- endings

        private void complete() {
            List<JsonNode> done;
            synchronized (this) {
                if (result.isDone()) {
                    return;
                }
                done = new ArrayList<>(items.values());
            }
            result.complete(done);
        }

        private boolean fail(RunwareException e) {
            return result.completeExceptionally(e);
        }

        private void expire() {
            String status;
            int got;
            RunwareException problem;
            synchronized (this) {
                status = lastStatus;
                got = items.size();
                problem = lastProblem;
            }
            fail(new dev.airgen.runtime.RunwareTransportException(RunwareException.details(ErrorCategory.TIMEOUT,
                    Failures.TIMEOUT, "task " + task.uuid() + " did not finish in time (last status " + status + ", "
                            + got + " of " + task.expected() + " results"
                            + (problem == null ? "" : "; last problem: " + problem.getMessage()) + ")")
                    .taskUUID(task.uuid()).taskType(task.taskType()), problem));
        }

        private Progress progress(Integer percent) {
            return new Progress(task.uuid(), lastStatus, percent == null ? OptionalInt.empty() : OptionalInt.of(percent),
                    items.size(), task.expected());
        }

        private PollingPolicy polling() {
            return TaskRunner.this.polling;
        }

        private ScheduledFuture<?> schedule(Runnable action, long delayNanos) {
            try {
                return settings.scheduler().schedule(() -> {
                    try {
                        action.run();
                    } catch (RuntimeException e) {
                        fail(Failures.wrap(e));
                    }
                }, delayNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closing) {
                fail(Failures.aborted("the client was closed"));
                return null;
            }
        }

        /** Runs a caller's hook, one at a time per task; a hook that throws is logged and ignored. */
        private void safely(Runnable callback) {
            synchronized (hooksLock) {
                try {
                    callback.run();
                } catch (RuntimeException e) {
                    Log.debug(() -> "a callback of task " + task.uuid() + " failed: " + e);
                }
            }
        }

        /**
         * The task's UUID's hash, not the identity hash (equality stays identity): the running set hashes a run while
         * it is locked, and the JVM hands an object locked that way a monitor of its own, to be cleaned up later.
         */
        @Override
        public int hashCode() {
            return task.uuid().hashCode();
        }

        @Override
        public String toString() {
            return "Run{" + task.taskType() + " " + task.uuid() + "}";
        }
    }
}
