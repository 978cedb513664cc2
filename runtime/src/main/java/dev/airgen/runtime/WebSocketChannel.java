package dev.airgen.runtime;

import dev.airgen.runtime.internal.Backoff;
import dev.airgen.runtime.internal.Log;
import dev.airgen.runtime.types.Json;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tasks over one shared WebSocket.
 *
 * <p>The socket is opened on first use and authenticated with the key; the server's
 * {@code connectionSessionUUID} is kept so that after a drop the client reconnects (with the shared
 * backoff) and resumes the same session, and the server replays results it held meanwhile. Waiting
 * tasks stay registered by {@code taskUUID} across reconnects: results route to them whichever socket
 * brings them.
 *
 * <p>The channel never sends a task twice. A task whose frame was never handed to a socket is written
 * once a socket is ready; a task whose frame went into a socket that then died, or whose answer may have
 * been in a frame that could not be read, is only reported as suspect to its listener, which asks the
 * server about it by UUID. Polls ({@code getResponse}) are idempotent: one cut off by a fault fails, and
 * its sender polls again.
 *
 * <p>An authentication answer that turns the client away for now (rate limit, overload) is waited out
 * and retried; a rejected key fails every waiting task. A ping goes out every heartbeat interval; when
 * nothing at all arrives within the pong timeout after it, the socket counts as half-open and is
 * replaced. Frames are written by one writer at a time. Every wait ends by its deadline.
 */
final class WebSocketChannel implements Channel {

    private static final Pattern UUID_IN_TEXT =
            Pattern.compile("\"taskUUID\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private enum State { IDLE, CONNECTING, AUTHENTICATING, READY, CLOSED }

    private final TransportSettings settings;
    private final URI url;
    /** Tasks waiting for results or an acknowledgement, by UUID. */
    private final Map<String, Pending> tasks = new LinkedHashMap<>();
    /** Polls waiting for their answer, by the UUID of the task they ask about. */
    private final Map<String, Pending> polls = new LinkedHashMap<>();
    private State state = State.IDLE;
    private WebSocket socket;
    private int generation;
    private int connections;
    private int failedAttempts;
    private String sessionUUID;
    private String requestedSession;
    private CompletableFuture<?> writeTail = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> heartbeat;
    private ScheduledFuture<?> authTimer;
    private volatile long lastInbound = System.nanoTime();

    public WebSocketChannel(TransportSettings settings) {
        if (settings.webSocketUrl() == null) {
            throw new IllegalArgumentException("no WebSocket URL configured");
        }
        this.settings = settings;
        this.url = settings.dryRun() ? withQuery(settings.webSocketUrl(), "dryRun=1") : settings.webSocketUrl();
    }

    private static URI withQuery(URI uri, String parameter) {
        String s = uri.toString();
        int hash = s.indexOf('#');
        String base = hash < 0 ? s : s.substring(0, hash);
        return URI.create(base + (uri.getRawQuery() == null ? "?" : "&") + parameter);
    }

    /** The session the server granted last, or null before the first authentication. */
    public synchronized String sessionUUID() {
        return sessionUUID;
    }

    /** Connections opened so far (1 after the first, +1 per reconnect). */
    public synchronized int connections() {
        return connections;
    }

    // ------------------------------------------------------------------ sending

    @Override
    public List<CompletableFuture<TaskReply>> send(List<TaskSpec> specs, long deadlineNanos) {
        List<CompletableFuture<TaskReply>> out = new ArrayList<>(specs.size());
        List<Pending> batch = new ArrayList<>(specs.size());
        List<Pending> superseded = new ArrayList<>();
        synchronized (this) {
            for (TaskSpec spec : specs) {
                Pending p = new Pending(spec);
                out.add(p.future);
                if (state == State.CLOSED) {
                    p.future.completeExceptionally(Failures.aborted("client is closed"));
                    continue;
                }
                Pending previous = mapOf(spec).put(spec.taskUUID(), p);
                if (previous != null) {
                    superseded.add(previous);
                }
                p.timer = settings.deadlines().add(deadlineNanos, () -> expire(p));
                p.future.whenComplete((r, t) -> forget(p));
                batch.add(p);
            }
            if (!batch.isEmpty()) {
                if (state == State.READY) {
                    write(batch);
                } else if (state == State.IDLE) {
                    connect();
                }
            }
        }
        for (Pending p : superseded) {
            p.fail(new RunwareTransportException(RunwareException.details(ErrorCategory.ABORTED, Failures.SUPERSEDED,
                    "a newer request for task " + p.spec.taskUUID() + " took over").retryable(false), null));
        }
        return out;
    }

    private Map<String, Pending> mapOf(TaskSpec spec) {
        return spec.mode() == TaskSpec.Mode.POLL ? polls : tasks;
    }

    private void expire(Pending p) {
        String what = switch (p.spec.mode()) {
            case SYNC -> "results of task " + p.spec.taskUUID() + " (" + p.items.size() + " of "
                    + p.spec.expectedItems() + " arrived)";
            case ACK -> "acknowledgement of task " + p.spec.taskUUID();
            case POLL -> "poll answer for task " + p.spec.taskUUID();
        };
        p.fail(Failures.timeout("no " + what + " before the deadline", p.spec.taskUUID()));
    }

    private synchronized void forget(Pending p) {
        mapOf(p.spec).remove(p.spec.taskUUID(), p);
        if (p.timer != null) {
            p.timer.cancel();
        }
    }

    /** Writes one frame holding the given tasks; caller holds the lock and the state is READY. */
    private void write(List<Pending> batch) {
        ArrayNode frame = Json.mapper().createArrayNode();
        int gen = generation;
        for (Pending p : batch) {
            frame.add(p.spec.json());
            p.writtenOn = gen;
        }
        String text = Json.mapper().writeValueAsString(frame);
        enqueue(text, gen).whenComplete((ws, failure) -> {
            if (failure != null) {
                synchronized (this) {
                    // Never handed to the socket: the server cannot have it, so it is written again later.
                    for (Pending p : batch) {
                        if (p.writtenOn == gen) {
                            p.writtenOn = -1;
                        }
                    }
                }
            }
        });
    }

    /**
     * The single writer: each frame starts only after the previous one has been handed to the socket. Caller holds
     * the lock; when nothing is being written the frame goes to the socket at once.
     */
    private CompletableFuture<WebSocket> enqueue(String text, int gen) {
        WebSocket ws = socket;
        CompletableFuture<WebSocket> sent = writeTail.isDone() ? sendNow(ws, gen == generation, text)
                : writeTail.handle((v, t) -> null).thenCompose(v -> sendNow(ws, gen == currentGeneration(), text));
        writeTail = sent;
        sent.whenComplete((w, failure) -> {
            if (failure != null) {
                lost(gen, "write failed: " + Failures.unwrap(failure).getClass().getSimpleName(), null);
            }
        });
        return sent;
    }

    private static CompletableFuture<WebSocket> sendNow(WebSocket ws, boolean current, String text) {
        if (ws == null || !current) {
            return CompletableFuture.failedFuture(new IllegalStateException("socket replaced before writing"));
        }
        try {
            return ws.sendText(text, true);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private synchronized int currentGeneration() {
        return generation;
    }

    // ------------------------------------------------------------------ connection life cycle

    /** Opens a socket; caller holds the lock. */
    private void connect() {
        state = State.CONNECTING;
        int gen = ++generation;
        connections++;
        Log.debug(() -> "opening WebSocket " + settings.webSocketUrl() + " (connection " + gen + ")");
        WebSocket.Builder builder = settings.http().newWebSocketBuilder()
                .header("User-Agent", settings.userAgent())
                .connectTimeout(settings.authTimeout());
        builder.buildAsync(url, new Listener(gen)).whenComplete((ws, failure) -> {
            if (failure != null) {
                lost(gen, "could not connect to " + Failures.hostAndPort(url) + " (" + describe(Failures.unwrap(failure))
                        + ")", null);
            }
        });
    }

    private static String describe(Throwable t) {
        if (t instanceof java.net.http.WebSocketHandshakeException h && h.getResponse() != null) {
            return "handshake refused with HTTP " + h.getResponse().statusCode();
        }
        return Failures.describe(t);
    }

    private void opened(int gen, WebSocket ws) {
        synchronized (this) {
            if (gen != generation || state == State.CLOSED) {
                ws.abort();
                return;
            }
            socket = ws;
            state = State.AUTHENTICATING;
            lastInbound = System.nanoTime();
            ObjectNode auth = Json.mapper().createObjectNode();
            auth.put("taskType", "authentication");
            auth.put("apiKey", settings.apiKey().reveal());
            requestedSession = sessionUUID;
            if (sessionUUID != null) {
                auth.put("connectionSessionUUID", sessionUUID);
            }
            String text = Json.mapper().writeValueAsString(Json.mapper().createArrayNode().add(auth));
            writeTail = CompletableFuture.completedFuture(null);
            enqueue(text, gen);
            authTimer = settings.scheduler().schedule(() -> authTimedOut(gen), settings.authTimeout().toNanos(),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void authTimedOut(int gen) {
        synchronized (this) {
            if (gen != generation || state != State.AUTHENTICATING) {
                return;
            }
        }
        lost(gen, "no authentication answer within " + settings.authTimeout().toMillis() + " ms", null);
    }

    private void authenticated(int gen, String session) {
        synchronized (this) {
            if (gen != generation || state != State.AUTHENTICATING) {
                return;
            }
            cancel(authTimer);
            boolean resumed = requestedSession != null && requestedSession.equals(session);
            if (requestedSession != null && !resumed) {
                Log.debug(() -> "WebSocket session could not be resumed; tasks in flight are checked by UUID");
            }
            sessionUUID = session;
            state = State.READY;
            failedAttempts = 0;
            List<Pending> unwritten = new ArrayList<>();
            for (Pending p : all()) {
                if (p.writtenOn == -1) {
                    unwritten.add(p);
                }
            }
            if (!unwritten.isEmpty()) {
                write(unwritten);
            }
            startHeartbeat(gen);
        }
    }

    private List<Pending> all() {
        List<Pending> out = new ArrayList<>(tasks.values());
        out.addAll(polls.values());
        return out;
    }

    /** The server refused the key (or the session): every waiting task fails with that error. */
    private void authRejected(int gen, RunwareException error) {
        List<Pending> failed;
        synchronized (this) {
            if (gen != generation) {
                return;
            }
            cancel(authTimer);
            cancel(heartbeat);
            state = State.IDLE;
            sessionUUID = null;
            WebSocket ws = socket;
            socket = null;
            if (ws != null) {
                ws.abort();
            }
            failed = all();
        }
        Log.debug(() -> "WebSocket authentication rejected: " + error.getMessage());
        failed.forEach(p -> p.fail(error));
    }

    private void startHeartbeat(int gen) {
        cancel(heartbeat);
        long every = settings.heartbeatInterval().toNanos();
        heartbeat = settings.scheduler().scheduleAtFixedRate(() -> ping(gen), every, every, TimeUnit.NANOSECONDS);
    }

    private void ping(int gen) {
        long sentAt;
        synchronized (this) {
            if (gen != generation || state != State.READY) {
                return;
            }
            sentAt = System.nanoTime();
            enqueue("[{\"taskType\":\"ping\",\"ping\":true}]", gen);
        }
        settings.scheduler().schedule(() -> {
            if (lastInbound - sentAt < 0) {
                lost(gen, "no answer to ping within " + settings.pongTimeout().toMillis() + " ms (half-open socket)", null);
            }
        }, settings.pongTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The connection of generation {@code gen} is gone: reconnect if anything waits, else go idle. Tasks
     * whose frames went into it are suspect (their answers may be lost); polls on it fail and are repeated.
     */
    private void lost(int gen, String why, Duration retryAfter) {
        List<Pending> suspects = new ArrayList<>();
        List<Pending> cutPolls = new ArrayList<>();
        List<Pending> failed = null;
        RunwareException failure = null;
        synchronized (this) {
            if (gen != generation || state == State.CLOSED || state == State.IDLE) {
                return;
            }
            cancel(heartbeat);
            cancel(authTimer);
            WebSocket ws = socket;
            socket = null;
            if (ws != null) {
                ws.abort();
            }
            Log.debug(() -> "WebSocket connection " + gen + " lost: " + why);
            for (Pending p : tasks.values()) {
                if (p.writtenOn == gen) {
                    suspects.add(p);
                }
                if (p.writtenOn == gen) {
                    p.writtenOn = -2;
                }
            }
            for (Pending p : polls.values()) {
                if (p.writtenOn == gen) {
                    cutPolls.add(p);
                }
            }
            if (tasks.isEmpty() && polls.size() == cutPolls.size()) {
                state = State.IDLE;
            } else {
                failedAttempts++;
                if (failedAttempts > settings.maxReconnectAttempts()) {
                    state = State.IDLE;
                    failedAttempts = 0;
                    failed = all();
                    failure = Failures.connection(Failures.RECONNECTION_FAILED, "WebSocket could not be re-established after "
                            + settings.maxReconnectAttempts() + " attempts (last problem: " + why + ")", null);
                } else {
                    state = State.CONNECTING;
                    long delay = Backoff.delay(failedAttempts - 1, settings.reconnectBaseDelay(), 2,
                            settings.reconnectMaxDelay(), 0.3, retryAfter).toNanos();
                    int next = ++generation;
                    settings.scheduler().schedule(() -> reconnect(next), delay, TimeUnit.NANOSECONDS);
                }
            }
        }
        RunwareException cut = Failures.connection(Failures.CONNECTION_LOST, "WebSocket connection lost (" + why + ")", null);
        cutPolls.forEach(p -> p.fail(cut));
        if (failed != null) {
            RunwareException neverSent = Failures.connection(Failures.CONNECT_FAILED, "WebSocket could not be established after "
                    + settings.maxReconnectAttempts() + " attempts (last problem: " + why + ")", null);
            for (Pending p : failed) {
                // A task whose frame never reached a socket cannot be on the server; the others may be.
                p.fail(p.writtenOn == -1 && p.spec.mode() != TaskSpec.Mode.POLL ? neverSent : failure);
            }
        }
        suspects.forEach(p -> p.suspect("the WebSocket it was sent on was lost (" + why + ")"));
    }

    private void reconnect(int gen) {
        synchronized (this) {
            if (gen != generation || state != State.CONNECTING) {
                return;
            }
            connect();
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public void close() {
        List<Pending> failed;
        WebSocket ws;
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            generation++;
            cancel(heartbeat);
            cancel(authTimer);
            ws = socket;
            socket = null;
            failed = all();
        }
        RunwareException closed = Failures.aborted("client closed while the task was pending");
        failed.forEach(p -> p.fail(closed));
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "client closed")
                    .orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((w, t) -> ws.abort());
        }
    }

    // ------------------------------------------------------------------ receiving

    private void received(int gen, String text) {
        lastInbound = System.nanoTime();
        Envelope env;
        try {
            env = Envelope.parse(Json.mapper().readTree(text));
        } catch (JacksonException | MalformedResponseException e) {
            unreadable(gen, text, e instanceof JacksonException ? "frame is not valid JSON" : e.getMessage());
            return;
        }
        State now;
        synchronized (this) {
            now = gen == generation ? state : State.CLOSED;
        }
        Map<String, List<JsonNode>> byTask = new LinkedHashMap<>();
        for (JsonNode item : env.items()) {
            String type = Envelope.text(item, "taskType");
            if ("ping".equals(type) || item.has("pong")) {
                continue;
            }
            if ("authentication".equals(type)) {
                String session = Envelope.text(item, "connectionSessionUUID");
                if (now == State.AUTHENTICATING) {
                    if (session == null) {
                        lost(gen, "authentication answer carried no connectionSessionUUID", null);
                    } else {
                        authenticated(gen, session);
                    }
                }
                continue;
            }
            String uuid = Envelope.text(item, "taskUUID");
            if (uuid != null) {
                byTask.computeIfAbsent(uuid, k -> new ArrayList<>()).add(item);
            }
        }
        if (now == State.AUTHENTICATING && !env.errors().isEmpty() && isAuthAnswer(env)) {
            authAnswer(gen, env.errors().get(0));
            return;
        }
        deliver(byTask, env.errors());
    }

    /** An error answer to the authentication frame. */
    private void authAnswer(int gen, ApiError e) {
        if (Failures.isRefusal(e, 0)) {
            // Turned away for now, the key was not judged: wait as asked and authenticate again.
            lost(gen, "authentication turned away for now (" + e.code() + ")", e.retryAfter());
            return;
        }
        ErrorCategory category = ErrorCategory.classify(e.code(), 0);
        if (category != ErrorCategory.AUTH && forgetSession(gen)) {
            // The key is fine but the old session is not: start a fresh one.
            lost(gen, "session could not be resumed (" + e.code() + ")", null);
            return;
        }
        authRejected(gen, new RunwareApiException(e, 0, category == ErrorCategory.UNKNOWN ? ErrorCategory.AUTH
                : category, false));
    }

    /** Drops a session that the server refused to resume; false when none was requested. */
    private synchronized boolean forgetSession(int gen) {
        if (gen != generation || requestedSession == null) {
            return false;
        }
        sessionUUID = null;
        return true;
    }

    private static boolean isAuthAnswer(Envelope env) {
        for (ApiError e : env.errors()) {
            if (e.taskUUID() == null || "authentication".equals(e.taskType())) {
                return true;
            }
        }
        return false;
    }

    private void deliver(Map<String, List<JsonNode>> byTask, List<ApiError> errors) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, List<JsonNode>> e : byTask.entrySet()) {
                Pending poll = polls.get(e.getKey());
                if (poll != null) {
                    TaskReply reply = new TaskReply(e.getKey(), e.getValue(), List.of(), 0);
                    after.add(() -> poll.future.complete(reply));
                }
                Pending p = tasks.get(e.getKey());
                if (p == null) {
                    if (poll == null) {
                        Log.trace(() -> "dropping " + e.getValue().size() + " item(s) for task " + e.getKey()
                                + " that nobody waits for");
                    }
                    continue;
                }
                for (JsonNode item : e.getValue()) {
                    if (!ResultKey.isResult(item)) {
                        continue;   // a poll answer's state (processing, error) is for the poll, not a result
                    }
                    if (p.keys.add(ResultKey.of(item))) {
                        p.items.add(item);
                        if (p.spec.listener() != null && p.spec.mode() == TaskSpec.Mode.SYNC) {
                            TaskSpec.Listener listener = p.spec.listener();
                            after.add(() -> listener.item(item));
                        }
                    }
                }
                boolean done = p.spec.mode() != TaskSpec.Mode.SYNC || p.items.size() >= p.spec.expectedItems();
                if (done) {
                    TaskReply reply = new TaskReply(p.spec.taskUUID(), p.items, List.of(), 0);
                    after.add(() -> p.future.complete(reply));
                }
            }
            boolean unrouted = false;
            for (ApiError error : errors) {
                String uuid = error.taskUUID();
                Pending poll = uuid == null ? null : polls.get(uuid);
                // While a poll for the task is open, an error naming it answers the poll ("no such task" must not
                // end the task); the poll's sender reads the task's own errors from the poll answer as well. An
                // answer to a poll nobody waits for any more (replayed after a reconnect) concerns no task.
                boolean aboutPoll = poll != null || "getResponse".equals(error.taskType());
                Pending p = uuid == null || aboutPoll ? null : tasks.get(uuid);
                if (p != null) {
                    TaskReply reply = new TaskReply(uuid, p.items, List.of(error), 0);
                    after.add(() -> p.future.complete(reply));
                }
                if (poll != null) {
                    TaskReply reply = new TaskReply(uuid, List.of(), List.of(error), 0);
                    after.add(() -> poll.future.complete(reply));
                }
                unrouted |= uuid == null || !tasks.containsKey(uuid) && !polls.containsKey(uuid) && !aboutPoll;
            }
            if (unrouted) {
                // An error that names no waiting task: the server could not say which; every task asks for itself.
                String why = "an error answer named no waiting task: " + errors.get(0).code();
                for (Pending p : tasks.values()) {
                    after.add(() -> p.suspect(why));
                }
            }
        }
        after.forEach(Runnable::run);
    }

    /**
     * A frame that cannot be read. It never fails a task: the tasks it names (or, when it names none,
     * every task on this connection) are suspect and ask the server for their state, and the polls it
     * may have answered are repeated.
     */
    private void unreadable(int gen, String text, String why) {
        Set<String> named = new HashSet<>();
        Matcher m = UUID_IN_TEXT.matcher(text);
        while (m.find()) {
            named.add(m.group(1));
        }
        List<Pending> suspects = new ArrayList<>();
        List<Pending> cutPolls = new ArrayList<>();
        boolean authenticating;
        synchronized (this) {
            authenticating = gen == generation && state == State.AUTHENTICATING;
            for (Pending p : tasks.values()) {
                if (named.isEmpty() || named.contains(p.spec.taskUUID())) {
                    suspects.add(p);
                }
            }
            for (Pending p : polls.values()) {
                if (named.isEmpty() || named.contains(p.spec.taskUUID())) {
                    cutPolls.add(p);
                }
            }
        }
        Log.debug(() -> "unreadable WebSocket frame (" + why + "); " + suspects.size() + " task(s) will ask for their state");
        if (authenticating) {
            lost(gen, "the authentication answer was unreadable", null);
            return;
        }
        RunwareException error = Failures.malformed(why, 0, null);
        cutPolls.forEach(p -> p.fail(error));
        suspects.forEach(p -> p.suspect("an answer that may have been for it could not be read (" + why + ")"));
    }

    private static final class Pending {
        final TaskSpec spec;
        final CompletableFuture<TaskReply> future = new CompletableFuture<>();
        final List<JsonNode> items = new ArrayList<>();
        final Set<String> keys = new HashSet<>();
        Deadlines.Entry timer;
        /** The connection its frame was handed to; -1 never written (or the write failed), -2 written on a lost one. */
        int writtenOn = -1;

        Pending(TaskSpec spec) {
            this.spec = spec;
        }

        void fail(RunwareException e) {
            future.completeExceptionally(e);
        }

        void suspect(String why) {
            if (!future.isDone() && spec.listener() != null) {
                try {
                    spec.listener().suspect(why);
                } catch (RuntimeException e) {
                    Log.debug(() -> "task listener failed: " + e);
                }
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final int gen;
        private final StringBuilder partial = new StringBuilder();

        Listener(int gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            opened(gen, webSocket);
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            if (partial.length() + data.length() > RestChannel.MAX_BODY_BYTES) {
                partial.setLength(0);
                lost(gen, "a frame larger than " + RestChannel.MAX_BODY_BYTES + " characters", null);
                return null;
            }
            if (last) {
                // A frame that arrives in one piece (the usual case) is copied once, not into the buffer and out again.
                String text = partial.length() == 0 ? data.toString() : partial.append(data).toString();
                partial.setLength(0);
                try {
                    received(gen, text);
                } catch (RuntimeException e) {
                    Log.debug(() -> "failed to handle a WebSocket frame: " + e);
                }
            } else {
                partial.append(data);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            lastInbound = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            lastInbound = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            lastInbound = System.nanoTime();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(gen, "server closed the socket (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason)
                    + ")", null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(gen, "socket error: " + error.getClass().getSimpleName(), null);
        }
    }
}
