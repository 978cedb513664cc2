package dev.airgen.emulator;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One WebSocket connection on {@code /v1}; results go through its {@link WsSessions.Session}.
 * Public only because Jetty insists on public endpoint classes; it cannot be created outside this package.
 */
public final class WsConnection implements Session.Listener.AutoDemanding {
    private final RunwareEmulator emulator;
    private final boolean dryRun;
    private volatile Session socket;
    private volatile WsSessions.Session session;
    private volatile boolean halfOpen;

    WsConnection(RunwareEmulator emulator, String query) {
        this.emulator = emulator;
        this.dryRun = query != null && List.of(query.split("&")).contains("dryRun=1");
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.socket = s;
        emulator.opened(this);
    }

    @Override
    public void onWebSocketClose(int status, String reason, Callback callback) {
        gone();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        gone();
    }

    private void gone() {
        emulator.closed(this);
        WsSessions.Session s = session;
        if (s != null) {
            s.detach(this);
        }
    }

    /** From now on this socket reads nothing and writes nothing, but stays connected. */
    void halfOpen() {
        halfOpen = true;
    }

    @Override
    public void onWebSocketText(String message) {
        if (halfOpen) {
            return;
        }
        Faults faults = emulator.faults();
        TaskEngine.sleep(faults.latency());
        ErrorItem transientError = faults.takeTransient();
        Wire.Parsed parsed = Wire.parse(message, emulator.maxTasksPerRequest());
        if (parsed.error() != null) {
            reply(Wire.errors(List.of(parsed.error())));
            return;
        }
        if (transientError != null) {
            List<ErrorItem> perTask = parsed.tasks().stream()
                    .filter(t -> !Wire.isAuthentication(t))
                    .map(t -> transientError.forTask(JsonNodes.text(t, "taskType"), JsonNodes.text(t, "taskUUID"))).toList();
            ObjectNode frame = Wire.errors(perTask.isEmpty() ? List.of(transientError) : perTask);
            if (transientError.httpStatus() != 504) {
                // A frame has no headers: the wait the server asks for travels in each error.
                frame.path("errors").forEach(e -> ((ObjectNode) e).put("retryAfter", faults.retryAfterSeconds(transientError)));
            }
            reply(frame);
            return;
        }
        boolean dropAfterFrame = false;
        for (JsonNode task : parsed.tasks()) {
            if (halfOpen) {
                return;
            }
            if (Wire.isAuthentication(task)) {
                authenticate(task);
                continue;
            }
            WsSessions.Session s = session;
            if (s == null) {
                if (task.isObject() && "ping".equals(JsonNodes.text(task, "taskType"))) {
                    reply(pong());
                    continue;
                }
                reply(Wire.errors(List.of(ErrorItem.of(401, "missingApiKey",
                        "Authenticate first: send [{\"taskType\":\"authentication\",\"apiKey\":\"...\"}]")
                        .forTask(JsonNodes.text(task, "taskType"), JsonNodes.text(task, "taskUUID")))));
                continue;
            }
            ErrorItem account = faults.accountFailure();
            if (account != null) {
                s.deliver(JsonNodes.write(Wire.errors(List.of(account.forTask(JsonNodes.text(task, "taskType"),
                        JsonNodes.text(task, "taskUUID"))))));
                continue;
            }
            TaskEngine.Outcome o = emulator.engine().handle(task, new TaskEngine.Ctx(s.apiKey, dryRun));
            if (!o.data().isEmpty()) {
                s.deliver(JsonNodes.write(Wire.data(o.data())));
            }
            if (!o.errors().isEmpty()) {
                s.deliver(JsonNodes.write(Wire.errors(o.errors())));
            }
            Job job = o.job();
            if (job == null) {
                continue;
            }
            if (o.delivery() == TaskEngine.Delivery.SYNC || o.delivery() == TaskEngine.Delivery.STREAM) {
                job.listen(new Job.Listener() {
                    @Override
                    public void item(Job j, ObjectNode item) {
                        s.deliver(JsonNodes.write(Wire.data(List.of(item))));
                    }

                    @Override
                    public void failed(Job j, ErrorItem error) {
                        s.deliver(JsonNodes.write(Wire.errors(List.of(error))));
                    }
                });
            } else {
                s.deliver(JsonNodes.write(Wire.data(List.of(Wire.ack(job)))));
            }
            // The drop comes after the whole frame is handled: the tasks of a frame the server read are all taken.
            dropAfterFrame |= faults.takeDrop();
        }
        if (dropAfterFrame) {
            drop();
        }
    }

    private void authenticate(JsonNode task) {
        String key = JsonNodes.text(task, "apiKey");
        if (key == null || key.isBlank()) {
            reply(Wire.errors(List.of(ErrorItem.param(401, "missingApiKey", "The authentication task needs an apiKey", "apiKey")
                    .forTask("authentication", null))));
            return;
        }
        if (!emulator.acceptsKey(key)) {
            reply(Wire.errors(List.of(ErrorItem.param(401, "invalidApiKey", "The API key is not valid", "apiKey")
                    .forTask("authentication", null))));
            return;
        }
        WsSessions.Session previous = session;
        if (previous != null) {
            previous.detach(this);
        }
        WsSessions.Session s = emulator.sessions().open(JsonNodes.text(task, "connectionSessionUUID"), key);
        session = s;
        ObjectNode item = JsonNodes.object();
        item.put("taskType", "authentication");
        item.put("connectionSessionUUID", s.id);
        s.attach(this, JsonNodes.write(Wire.data(List.of(item))));
    }

    private static ObjectNode pong() {
        ObjectNode pong = JsonNodes.object();
        pong.put("taskType", "ping");
        pong.put("pong", true);
        return Wire.data(List.of(pong));
    }

    private void reply(ObjectNode frame) {
        send(JsonNodes.write(frame));
    }

    /** Writes one text frame and waits for it to leave; false when the socket cannot take it. */
    synchronized boolean send(String text) {
        Session s = socket;
        if (halfOpen || s == null || !s.isOpen()) {
            return false;
        }
        Callback.Completable done = new Callback.Completable();
        s.sendText(emulator.faults().garble(text), done);
        try {
            done.get(10, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Cuts the TCP connection without a close handshake, as a network failure would. */
    private void drop() {
        WsSessions.Session s = session;
        if (s != null) {
            s.detach(this);
        }
        Session sock = socket;
        if (sock != null) {
            // Cut it from another thread, outside Jetty's read callback, so the abort is never deferred.
            emulator.engine().scheduler().execute(sock::disconnect);
        }
    }
}
