package dev.airgen.runtime.internal;

import dev.airgen.runtime.ApiError;
import dev.airgen.runtime.ErrorCategory;
import dev.airgen.runtime.RunwareApiException;
import dev.airgen.runtime.RunwareException;
import dev.airgen.runtime.types.Json;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
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
 * {@code connectionSessionUUID} is kept so that after a drop the client reconnects (with exponential
 * backoff) and resumes the same session, and the server replays results it held meanwhile. Pending
 * tasks stay registered by {@code taskUUID} across reconnects: results route to them whichever socket
 * brings them. Tasks whose frame never reached the server are sent again (same {@code taskUUID}); when
 * the server starts a new session instead of resuming, tasks with no answer yet are sent again too.
 *
 * <p>A ping goes out every heartbeat interval; when nothing at all arrives within the pong timeout
 * after it, the socket counts as half-open and is replaced. Frames are written by one writer at a time.
 * When reconnecting fails too often every pending task fails with {@code reconnectionFailed}; every
 * task also fails at its own deadline, so nothing waits forever.
 */
public final class WebSocketChannel implements Channel {

    private static final System.Logger LOG = System.getLogger("dev.airgen.runtime.internal");
    private static final Pattern UUID_IN_TEXT =
            Pattern.compile("\"taskUUID\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"");

    private enum State { IDLE, CONNECTING, AUTHENTICATING, READY, CLOSED }

    private final TransportSettings settings;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
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
    public List<CompletableFuture<TaskReply>> send(List<TaskSpec> tasks, long deadlineNanos) {
        List<CompletableFuture<TaskReply>> out = new ArrayList<>(tasks.size());
        List<Pending> batch = new ArrayList<>(tasks.size());
        List<Pending> superseded = new ArrayList<>();
        synchronized (this) {
            for (TaskSpec task : tasks) {
                Pending p = new Pending(task);
                out.add(p.future);
                if (state == State.CLOSED) {
                    p.future.completeExceptionally(Failures.aborted("client is closed"));
                    continue;
                }
                Pending previous = pending.put(task.taskUUID(), p);
                if (previous != null) {
                    superseded.add(previous);
                }
                long left = Math.max(0, deadlineNanos - System.nanoTime());
                p.timer = settings.scheduler().schedule(() -> expire(p), left, TimeUnit.NANOSECONDS);
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
            p.fail(Failures.aborted("superseded by a newer request for task " + p.spec.taskUUID()));
        }
        return out;
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
        pending.remove(p.spec.taskUUID(), p);
        if (p.timer != null) {
            p.timer.cancel(false);
        }
    }

    /** Writes one frame holding the given tasks; caller holds the lock and the state is READY. */
    private void write(List<Pending> batch) {
        ArrayNode frame = Json.mapper().createArrayNode();
        int gen = generation;
        for (Pending p : batch) {
            frame.add(p.spec.json());
            p.inFlightGeneration = gen;
        }
        String text = Json.mapper().writeValueAsString(frame);
        enqueue(text, gen).whenComplete((ws, failure) -> {
            synchronized (this) {
                for (Pending p : batch) {
                    if (failure == null) {
                        p.confirmedGeneration = gen;
                    } else if (p.inFlightGeneration == gen) {
                        p.inFlightGeneration = -1;
                    }
                }
            }
        });
    }

    /** The single writer: each frame starts only after the previous one has been handed to the socket. */
    private CompletableFuture<WebSocket> enqueue(String text, int gen) {
        WebSocket ws = socket;
        CompletableFuture<WebSocket> sent = writeTail.handle((v, t) -> null).thenCompose(v -> {
            if (ws == null || gen != currentGeneration()) {
                return CompletableFuture.failedFuture(new IllegalStateException("socket replaced before writing"));
            }
            return ws.sendText(text, true);
        });
        writeTail = sent;
        sent.whenComplete((w, failure) -> {
            if (failure != null) {
                lost(gen, "write failed: " + Failures.unwrap(failure).getClass().getSimpleName());
            }
        });
        return sent;
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
        LOG.log(System.Logger.Level.DEBUG, () -> "opening WebSocket " + settings.webSocketUrl() + " (connection " + gen
                + ")");
        WebSocket.Builder builder = settings.http().newWebSocketBuilder()
                .header("User-Agent", settings.userAgent())
                .connectTimeout(settings.authTimeout());
        builder.buildAsync(settings.webSocketUrl(), new Listener(gen)).whenComplete((ws, failure) -> {
            if (failure != null) {
                lost(gen, "connect failed: " + describe(Failures.unwrap(failure)));
            }
        });
    }

    private String describe(Throwable t) {
        if (t instanceof java.net.http.WebSocketHandshakeException h && h.getResponse() != null) {
            return "handshake refused with HTTP " + h.getResponse().statusCode();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + settings.apiKey().redact(t.getMessage()));
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
        lost(gen, "no authentication answer within " + settings.authTimeout().toMillis() + " ms");
    }

    private void authenticated(int gen, String session) {
        List<Pending> resend = new ArrayList<>();
        synchronized (this) {
            if (gen != generation || state != State.AUTHENTICATING) {
                return;
            }
            cancel(authTimer);
            boolean resumed = requestedSession != null && requestedSession.equals(session);
            if (requestedSession != null && !resumed) {
                LOG.log(System.Logger.Level.INFO, "WebSocket session could not be resumed; resending unanswered tasks");
            }
            sessionUUID = session;
            state = State.READY;
            failedAttempts = 0;
            for (Pending p : pending.values()) {
                boolean neverArrived = p.confirmedGeneration < 0 && p.inFlightGeneration != gen;
                boolean lostWithSession = !resumed && p.items.isEmpty() && p.inFlightGeneration != gen;
                if (neverArrived || lostWithSession) {
                    resend.add(p);
                }
            }
            if (!resend.isEmpty()) {
                write(resend);
            }
            if (resumed) {
                // A frame written into a half-open socket never reached the server, and a resumed session
                // cannot replay what it never received. Whatever is still unanswered once the replay had
                // time to arrive is sent again with the same taskUUID (the server recognises repeats).
                settings.scheduler().schedule(() -> resendUnanswered(gen), settings.pongTimeout().toNanos(),
                        TimeUnit.NANOSECONDS);
            }
            startHeartbeat(gen);
        }
    }

    private synchronized void resendUnanswered(int gen) {
        if (gen != generation || state != State.READY) {
            return;
        }
        List<Pending> resend = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (p.items.isEmpty() && p.inFlightGeneration != gen) {
                resend.add(p);
            }
        }
        if (!resend.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "resending " + resend.size() + " unanswered task(s) after resume");
            write(resend);
        }
    }

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
            failed = new ArrayList<>(pending.values());
        }
        LOG.log(System.Logger.Level.WARNING, "WebSocket authentication rejected: " + error.getMessage());
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
                lost(gen, "no answer to ping within " + settings.pongTimeout().toMillis() + " ms (half-open socket)");
            }
        }, settings.pongTimeout().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** The connection of generation {@code gen} is gone: reconnect if anything waits, else go idle. */
    private void lost(int gen, String why) {
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
            LOG.log(System.Logger.Level.INFO, "WebSocket connection " + gen + " lost: " + why);
            if (pending.isEmpty()) {
                state = State.IDLE;
                return;
            }
            failedAttempts++;
            if (failedAttempts > settings.maxReconnectAttempts()) {
                state = State.IDLE;
                failedAttempts = 0;
                failed = new ArrayList<>(pending.values());
                failure = Failures.connection("reconnectionFailed", "WebSocket could not be re-established after "
                        + settings.maxReconnectAttempts() + " attempts (last problem: " + why + ")", null);
            } else {
                state = State.CONNECTING;
                long delay = backoff(failedAttempts);
                int next = ++generation;
                settings.scheduler().schedule(() -> reconnect(next), delay, TimeUnit.NANOSECONDS);
            }
        }
        if (failed != null) {
            for (Pending p : failed) {
                p.fail(failure);
            }
        }
    }

    private void reconnect(int gen) {
        synchronized (this) {
            if (gen != generation || state != State.CONNECTING) {
                return;
            }
            connect();
        }
    }

    private long backoff(int attempt) {
        long base = settings.reconnectBaseDelay().toNanos();
        long max = settings.reconnectMaxDelay().toNanos();
        long exp = attempt >= 31 ? max : Math.min(max, base << Math.max(0, attempt - 1));
        long jitterCap = Math.min(Duration.ofSeconds(1).toNanos(), Math.max(base, 1));
        return exp + ThreadLocalRandom.current().nextLong(jitterCap);
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
            failed = new ArrayList<>(pending.values());
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
        JsonNode tree;
        Envelope env;
        try {
            tree = Json.mapper().readTree(text);
            env = Envelope.parse(tree, settings.apiKey());
        } catch (JacksonException | MalformedResponseException e) {
            malformed(text, e instanceof JacksonException ? "frame is not valid JSON" : e.getMessage());
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
                        authRejected(gen, new RunwareTransportFailure("authFailed",
                                "authentication answer carried no connectionSessionUUID").get());
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
            ApiError e = env.errors().get(0);
            ErrorCategory category = ErrorCategory.classify(e.code(), 0);
            if (category != ErrorCategory.AUTH && forgetSession(gen)) {
                // The key is fine but the old session is not: start a fresh one.
                lost(gen, "session could not be resumed (" + e.code() + ")");
                return;
            }
            authRejected(gen, new RunwareApiException(e, 0, category == ErrorCategory.UNKNOWN ? ErrorCategory.AUTH
                    : category, false));
            return;
        }
        deliver(byTask, env.errors());
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
        List<Runnable> completions = new ArrayList<>();
        synchronized (this) {
            for (Map.Entry<String, List<JsonNode>> e : byTask.entrySet()) {
                Pending p = pending.get(e.getKey());
                if (p == null) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "dropping " + e.getValue().size()
                            + " item(s) for task " + e.getKey() + " that nobody waits for");
                    continue;
                }
                for (JsonNode item : e.getValue()) {
                    if (p.keys.add(AsyncPoller.key(item)) || p.spec.mode() == TaskSpec.Mode.POLL) {
                        p.items.add(item);
                    }
                }
                boolean done = switch (p.spec.mode()) {
                    case SYNC -> p.items.size() >= p.spec.expectedItems();
                    case ACK, POLL -> true;
                };
                if (done) {
                    TaskReply reply = new TaskReply(p.spec.taskUUID(), p.items, List.of(), 0);
                    completions.add(() -> p.future.complete(reply));
                }
            }
            List<ApiError> unrouted = new ArrayList<>();
            for (ApiError error : errors) {
                Pending p = error.taskUUID() == null ? null : pending.get(error.taskUUID());
                if (p != null) {
                    TaskReply reply = new TaskReply(p.spec.taskUUID(), p.items, List.of(error), 0);
                    completions.add(() -> p.future.complete(reply));
                } else {
                    unrouted.add(error);
                }
            }
            if (!unrouted.isEmpty()) {
                // An error that names no waiting task concerns all of them (the server cannot say which).
                for (Pending p : new ArrayList<>(pending.values())) {
                    TaskReply reply = new TaskReply(p.spec.taskUUID(), p.items, unrouted, 0);
                    completions.add(() -> p.future.complete(reply));
                }
            }
        }
        completions.forEach(Runnable::run);
    }

    /** An unreadable frame fails the task it seems to be about, or every waiting task when it names none. */
    private void malformed(String text, String why) {
        String shown = settings.apiKey().redact(text.length() > 120 ? text.substring(0, 120) + "..." : text);
        RunwareException error = Failures.malformed(why + ": " + shown, 0, null);
        List<Pending> hit = new ArrayList<>();
        synchronized (this) {
            Matcher m = UUID_IN_TEXT.matcher(text);
            while (m.find()) {
                Pending p = pending.get(m.group(1));
                if (p != null) {
                    hit.add(p);
                }
            }
            if (hit.isEmpty()) {
                hit.addAll(pending.values());
            }
        }
        LOG.log(System.Logger.Level.WARNING, "unreadable WebSocket frame failed " + hit.size() + " task(s): " + why);
        hit.forEach(p -> p.fail(error));
    }

    /** Builds an auth failure lazily so its stack trace points here. */
    private record RunwareTransportFailure(String code, String message) {
        RunwareException get() {
            return new dev.airgen.runtime.RunwareTransportException(RunwareException.details(ErrorCategory.AUTH, code,
                    message).retryable(false), null);
        }
    }

    private static final class Pending {
        final TaskSpec spec;
        final CompletableFuture<TaskReply> future = new CompletableFuture<>();
        final List<JsonNode> items = new ArrayList<>();
        final java.util.Set<String> keys = new java.util.HashSet<>();
        ScheduledFuture<?> timer;
        int inFlightGeneration = -1;
        int confirmedGeneration = -1;

        Pending(TaskSpec spec) {
            this.spec = spec;
        }

        void fail(RunwareException e) {
            future.completeExceptionally(e);
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
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(gen, text);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "failed to handle a WebSocket frame: " + e);
                }
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
                    + ")");
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(gen, "socket error: " + error.getClass().getSimpleName());
        }
    }
}
