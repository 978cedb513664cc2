package dev.airgen.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WebSocket sessions by {@code connectionSessionUUID}. A session outlives its socket: frames meant
 * for it while no healthy socket is attached are buffered and replayed when the client resumes.
 */
final class WsSessions {
    private static final int MAX_BUFFERED = 10_000;

    private final Duration keep;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    WsSessions(Duration keep) {
        this.keep = keep;
    }

    /** The session for a resume, or a new one when the id is unknown, expired or belongs to another key. */
    Session open(String requestedId, String apiKey) {
        if (requestedId != null) {
            Session s = sessions.get(requestedId);
            if (s != null && s.apiKey.equals(apiKey)) {
                return s;
            }
        }
        Session s = new Session(UUID.randomUUID().toString(), apiKey);
        sessions.put(s.id, s);
        return s;
    }

    void expire() {
        long now = System.nanoTime();
        sessions.values().removeIf(s -> s.expired(now, keep));
    }

    static final class Session {
        final String id;
        final String apiKey;
        private final ArrayDeque<String> buffer = new ArrayDeque<>();
        private WsConnection connection;
        private long detachedAt = System.nanoTime();

        Session(String id, String apiKey) {
            this.id = id;
            this.apiKey = apiKey;
        }

        /** Sends a frame now if a healthy socket is attached, else keeps it for a resume. */
        synchronized void deliver(String frame) {
            if (connection != null && connection.send(frame)) {
                return;
            }
            if (buffer.size() < MAX_BUFFERED) {
                buffer.add(frame);
            }
        }

        /** Attaches a socket: first the authentication answer, then everything buffered, in order. */
        synchronized void attach(WsConnection c, String authReply) {
            connection = c;
            c.send(authReply);
            while (!buffer.isEmpty()) {
                if (!c.send(buffer.peek())) {
                    return;
                }
                buffer.poll();
            }
        }

        synchronized void detach(WsConnection c) {
            if (connection == c) {
                connection = null;
                detachedAt = System.nanoTime();
            }
        }

        synchronized boolean expired(long now, Duration keep) {
            return connection == null && now - detachedAt > keep.toNanos();
        }
    }
}
