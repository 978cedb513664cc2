package dev.airgen.runtime;

import dev.airgen.runtime.internal.SseParser;
import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Server-sent events for {@code deliveryMethod: stream}: POSTs the task and hands the data of every
 * event ({@link SseParser}) to a consumer until an event whose data is {@code [DONE]}. Failures before the first chunk are
 * retried like any REST call; once text has been delivered a failure ends the stream, since
 * repeating it would deliver the start twice.
 *
 * <p>No read blocks without a deadline: a watchdog closes the body when nothing arrives for the
 * request timeout or the overall deadline passes.
 */
final class SseStream {

    private final TransportSettings settings;
    private final java.util.Set<InputStream> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.Set<CompletableFuture<?>> pendingOpens = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private final Retrier retrier;

    public SseStream(TransportSettings settings) {
        this.settings = settings;
        this.retrier = new Retrier(settings.retry(), settings.scheduler());
    }

    /** Ends every running stream (their futures fail with {@code aborted}); later streams fail at once. */
    public void close() {
        closed = true;
        for (CompletableFuture<?> f : List.copyOf(pendingOpens)) {
            f.cancel(true);
        }
        for (InputStream in : List.copyOf(open)) {
            closeQuietly(in);
        }
    }

    /**
     * Streams one task. The consumer runs on one thread, in order. The future completes after
     * {@code [DONE]}, or exceptionally with a {@link RunwareException}.
     */
    public CompletableFuture<Void> stream(ObjectNode task, Consumer<JsonNode> chunks, long deadlineNanos) {
        ArrayNode body = Json.mapper().createArrayNode().add(task);
        byte[] bytes = Json.mapper().writeValueAsBytes(body);
        String uuid = Envelope.text(task, "taskUUID");
        boolean[] delivered = new boolean[1];
        // The stream is started again only while the server has not taken the task and no text was delivered.
        return retrier.run("stream " + uuid, deadlineNanos, n -> CompletableFuture.runAsync(() -> {
            if (closed) {
                throw Failures.aborted("client closed");
            }
            Attempt attempt = new Attempt(uuid, chunks, deadlineNanos);
            try {
                attempt.run(bytes);
            } catch (RunwareException e) {
                delivered[0] |= attempt.delivered;
                throw closed ? Failures.aborted("client closed while streaming task " + uuid) : e;
            }
        }, settings.executor()), e -> !delivered[0] && Failures.fate(e) == Failures.Fate.NOT_TAKEN);
    }

    private final class Attempt {
        final String uuid;
        final Consumer<JsonNode> chunks;
        final long deadlineNanos;
        boolean delivered;

        Attempt(String uuid, Consumer<JsonNode> chunks, long deadlineNanos) {
            this.uuid = uuid;
            this.chunks = chunks;
            this.deadlineNanos = deadlineNanos;
        }

        void run(byte[] body) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw Failures.timeout("deadline passed before stream " + uuid + " started", uuid);
            }
            HttpRequest request = settings.post(body, "text/event-stream",
                    Duration.ofNanos(Math.min(left, settings.requestTimeout().toNanos())));
            HttpResponse<InputStream> response;
            CompletableFuture<HttpResponse<InputStream>> opening =
                    settings.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            pendingOpens.add(opening);
            try {
                // The request timeout covers the wait for headers; the extra second only guards against a
                // client whose own timers can no longer run.
                response = opening.get(settings.requestTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw Failures.wrap(e.getCause(), settings.baseUrl());
            } catch (java.util.concurrent.TimeoutException e) {
                opening.cancel(true);
                throw Failures.timeout("no answer to stream " + uuid + " in time", uuid);
            } catch (java.util.concurrent.CancellationException e) {
                throw Failures.aborted("client closed while opening stream " + uuid);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Failures.aborted("interrupted while opening stream " + uuid);
            } finally {
                pendingOpens.remove(opening);
            }
            open.add(response.body());
            try {
                handle(response);
            } finally {
                open.remove(response.body());
            }
        }

        private void handle(HttpResponse<InputStream> response) {
            int status = response.statusCode();
            String type = response.headers().firstValue("Content-Type").orElse("");
            if (status < 200 || status >= 300) {
                throw preStreamError(status, readAll(response.body()), RestChannel.retryAfter(response));
            }
            if (!type.toLowerCase().contains("text/event-stream")) {
                whole(status, readAll(response.body()));
                return;
            }
            readEvents(response.body());
        }

        /** A non-stream answer to a stream request: an error envelope, or the whole result at once. */
        private void whole(int status, String text) {
            Envelope env = parseEnvelope(text, status);
            List<ApiError> errors = env.errorsFor(uuid).isEmpty() ? env.errors() : env.errorsFor(uuid);
            if (!errors.isEmpty()) {
                throw Failures.fromErrors(errors, status);
            }
            for (JsonNode item : env.items()) {
                delivered = true;
                chunks.accept(item);
            }
        }

        private RunwareException preStreamError(int status, String text, Duration retryAfter) {
            boolean retryable = status == 408 || status == 429 || status >= 500;
            ApiError error;
            try {
                Envelope env = Envelope.parse(Json.mapper().readTree(text));
                error = env.errors().isEmpty() ? null : env.errors().get(0);
            } catch (RuntimeException unreadable) {
                error = null;
            }
            if (error == null) {
                error = new ApiError(status == 401 ? "invalidApiKey" : "http" + status,
                        "server answered HTTP " + status, List.of(), uuid, null, null);
            }
            ErrorCategory category = ErrorCategory.classify(error.code(), status);
            if (retryAfter != null) {
                error = new ApiError(error.code(), error.message(), error.parameters(), error.taskUUID(), error.taskType(),
                        error.documentation(), retryAfter);
            }
            return new RunwareApiException(error, status, category, retryable);
        }

        private Envelope parseEnvelope(String text, int status) {
            try {
                return Envelope.parse(Json.mapper().readTree(text));
            } catch (JacksonException e) {
                throw Failures.malformed("body is not valid JSON", status, null);
            } catch (MalformedResponseException e) {
                throw Failures.malformed(e.getMessage(), status, null);
            }
        }

        private void readEvents(InputStream in) {
            AtomicLong lastActivity = new AtomicLong(System.nanoTime());
            AtomicBoolean expired = new AtomicBoolean();
            long idle = settings.requestTimeout().toNanos();
            long period = Math.max(10_000_000L, Math.min(idle / 4, 1_000_000_000L));
            ScheduledFuture<?> watchdog = settings.scheduler().scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                if (now - lastActivity.get() > idle || now > deadlineNanos) {
                    expired.set(true);
                    closeQuietly(in);
                }
            }, period, period, TimeUnit.NANOSECONDS);
            boolean done = false;
            boolean finishSeen = false;
            SseParser parser = new SseParser();
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                reading:
                while ((n = in.read(buffer)) >= 0) {
                    lastActivity.set(System.nanoTime());
                    for (SseParser.Event event : parser.feed(buffer, 0, n)) {
                        // Every event's data is the task's: Runware names none, and an error must not be skipped.
                        if (event.data().equals("[DONE]")) {
                            done = true;
                            break reading;
                        }
                        JsonNode chunk = parseChunk(event.data());
                        if (chunk.path("finishReason").isString()) {
                            finishSeen = true;
                        }
                        delivered = true;
                        chunks.accept(chunk);
                    }
                }
            } catch (SseParser.TooLarge e) {
                throw Failures.malformed("stream " + uuid + ": " + e.getMessage(), 200, null);
            } catch (IOException e) {
                if (expired.get()) {
                    throw Failures.timeout("stream " + uuid + " went silent or ran past its deadline", uuid);
                }
                throw Failures.connection("streamInterrupted", "stream " + uuid + " broke off: "
                        + e.getMessage(), e);
            } finally {
                watchdog.cancel(false);
            }
            if (!done) {
                if (expired.get()) {
                    throw Failures.timeout("stream " + uuid + " went silent or ran past its deadline", uuid);
                }
                throw Failures.malformed("stream " + uuid + " ended without [DONE]"
                        + (finishSeen ? " (after its finish reason)" : " (truncated)"), 200, null);
            }
        }

        private JsonNode parseChunk(String payload) {
            JsonNode chunk;
            try {
                chunk = Json.mapper().readTree(payload);
            } catch (JacksonException e) {
                throw Failures.malformed("stream chunk is not valid JSON: " + shorten(payload), 200, null);
            }
            if (!chunk.isObject()) {
                throw Failures.malformed("stream chunk is not a JSON object: " + shorten(payload), 200, null);
            }
            if (chunk.has("errors") || chunk.has("error")) {
                Envelope env = Envelope.parse(chunk);
                if (!env.errors().isEmpty()) {
                    throw Failures.fromErrors(env.errors(), 200);
                }
            }
            JsonNode data = chunk.get("data");
            if (data != null && data.isObject() && !chunk.has("delta")) {
                return data;
            }
            if (data != null && data.isArray() && data.size() == 1 && data.get(0).isObject()) {
                return data.get(0);
            }
            return chunk;
        }

        private String shorten(String s) {
            String r = s;
            return r.length() > 120 ? r.substring(0, 120) + "..." : r;
        }

        /** Reads a small non-stream body, giving up when the request timeout passes. */
        private String readAll(InputStream in) {
            long limit = Math.min(settings.requestTimeout().toNanos(), Math.max(0, deadlineNanos - System.nanoTime()));
            ScheduledFuture<?> guard = settings.scheduler().schedule(() -> closeQuietly(in), limit, TimeUnit.NANOSECONDS);
            try (in) {
                byte[] bytes = in.readNBytes(1 << 20);
                return new String(bytes, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            } finally {
                guard.cancel(false);
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is how the watchdog interrupts a blocked read; a failure here changes nothing
        }
    }
}
