package dev.airgen.runtime;

import dev.airgen.runtime.types.Json;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small WebSocket peer speaking the task protocol on loopback, for the WebSocket transport's unit
 * tests: authentication with session UUIDs, resume with replay of what was sent while the client was
 * away, ping/pong, and hooks to drop or mute a connection or send raw frames.
 */
public final class FakeWebSocketServer implements AutoCloseable {

    /** Decides what to do with each task the client sends. */
    interface TaskHandler {
        void onTask(JsonNode task, Peer peer);
    }

    /** The server side of one logical session, across connections. */
    final class Peer {
        final String session;

        Peer(String session) {
            this.session = session;
        }

        /** Sends a frame now, or keeps it for replay if the client is not connected. */
        void send(String frame) {
            Connection c = live.get(session);
            if (c == null || !c.session.isOpen()) {
                buffered.computeIfAbsent(session, k -> new ArrayDeque<>()).add(frame);
                return;
            }
            c.session.sendText(frame, Callback.NOOP);
        }

        /** Sends one text message as {@code parts} continuation frames (the client sees it in pieces). */
        void sendInParts(String frame, int parts) {
            Connection c = live.get(session);
            int size = Math.max(1, frame.length() / parts);
            for (int at = 0; at < frame.length(); at += size) {
                int end = Math.min(frame.length(), at + size);
                c.session.sendPartialText(frame.substring(at, end), end == frame.length(), Callback.NOOP);
            }
        }

        void sendLater(String frame, long millis) {
            timer.schedule(() -> send(frame), millis, TimeUnit.MILLISECONDS);
        }

        /** Cuts the TCP connection without a close handshake. */
        void drop() {
            Connection c = live.remove(session);
            if (c != null) {
                c.session.disconnect();
            }
        }

        /** Stops answering anything on the current connection while keeping it open (half-open). */
        void mute() {
            Connection c = live.get(session);
            if (c != null) {
                c.muted = true;
                live.remove(session);
            }
        }
    }

    public final class Connection implements Session.Listener.AutoDemanding {
        Session session;
        volatile boolean muted;
        volatile String sessionId;

        @Override
        public void onWebSocketOpen(Session s) {
            this.session = s;
            connections.incrementAndGet();
        }

        @Override
        public void onWebSocketText(String text) {
            frames.add(text);
            if (muted) {
                return;
            }
            JsonNode frame = Json.mapper().readTree(text);
            for (JsonNode task : frame) {
                String type = task.path("taskType").asString("");
                switch (type) {
                    case "authentication" -> authenticate(task);
                    case "ping" -> {
                        pings.incrementAndGet();
                        if (answerPings) {
                            session.sendText("{\"data\":[{\"taskType\":\"ping\",\"pong\":true}]}", Callback.NOOP);
                        }
                    }
                    default -> {
                        tasks.add(task);
                        handler.onTask(task, new Peer(sessionId));
                    }
                }
            }
        }

        private void authenticate(JsonNode task) {
            authFrames.add(task);
            if (authError != null) {
                session.sendText(authError, Callback.NOOP);
                return;
            }
            String requested = task.path("connectionSessionUUID").asString(null);
            String granted = requested != null && knownSessions.contains(requested) && resumeAllowed
                    ? requested : UUID.randomUUID().toString();
            knownSessions.add(granted);
            grantedSessions.add(granted);
            sessionId = granted;
            Connection previous = live.put(granted, this);
            if (previous != null && previous != this) {
                previous.muted = true;
            }
            session.sendText("{\"data\":[{\"taskType\":\"authentication\",\"connectionSessionUUID\":\"" + granted + "\"}]}",
                    Callback.NOOP);
            Deque<String> replay = buffered.remove(granted);
            if (replay != null) {
                replay.forEach(f -> session.sendText(f, Callback.NOOP));
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            if (sessionId != null) {
                live.remove(sessionId, this);
            }
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fake-ws-timer");
        t.setDaemon(true);
        return t;
    });
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger pings = new AtomicInteger();
    final List<String> frames = new CopyOnWriteArrayList<>();
    final List<JsonNode> tasks = new CopyOnWriteArrayList<>();
    final List<JsonNode> authFrames = new CopyOnWriteArrayList<>();
    final List<String> grantedSessions = new CopyOnWriteArrayList<>();
    private final Map<String, Connection> live = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> buffered = new ConcurrentHashMap<>();
    private final List<String> knownSessions = new CopyOnWriteArrayList<>();
    volatile TaskHandler handler = (task, peer) -> { };
    volatile boolean answerPings = true;
    volatile boolean resumeAllowed = true;
    volatile String authError;

    FakeWebSocketServer() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container ->
                container.addMapping("/v1", (request, response, callback) -> new Connection())));
        server.setHandler(context);
        server.start();
    }

    URI url() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/v1");
    }

    /** Answers every task at once with {@code items} result items. */
    static TaskHandler answerWith(int items) {
        return (task, peer) -> peer.send(results(task, items));
    }

    static String results(JsonNode task, int items) {
        ArrayNode data = Json.mapper().createArrayNode();
        for (int i = 0; i < items; i++) {
            data.add(item(task, i));
        }
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.set("data", data);
        return frame.toString();
    }

    /** Whether a task is a {@code getResponse} poll. */
    static boolean isPoll(JsonNode task) {
        return "getResponse".equals(task.path("taskType").asString(""));
    }

    /** The answer to a poll for a task that is still running. */
    static String processing(JsonNode poll) {
        return "{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\"" + poll.get("taskUUID").asString()
                + "\",\"status\":\"processing\"}]}";
    }

    /** The answer to a poll for a task that finished with {@code items} results. */
    static String finished(JsonNode poll, int items) {
        ArrayNode data = Json.mapper().createArrayNode();
        for (int i = 0; i < items; i++) {
            ObjectNode item = item(poll, i);
            item.put("taskType", "imageInference");
            item.put("status", "success");
            data.add(item);
        }
        ObjectNode frame = Json.mapper().createObjectNode();
        frame.set("data", data);
        return frame.toString();
    }

    static ObjectNode item(JsonNode task, int i) {
        ObjectNode item = Json.mapper().createObjectNode();
        item.put("taskType", task.get("taskType").asString());
        item.put("taskUUID", task.get("taskUUID").asString());
        item.put("imageUUID", task.get("taskUUID").asString().substring(0, 8) + "-" + i);
        return item;
    }

    List<JsonNode> tasksOfType(String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode t : tasks) {
            if (type.equals(t.path("taskType").asString(""))) {
                out.add(t);
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        timer.shutdownNow();
        server.stop();
    }
}
