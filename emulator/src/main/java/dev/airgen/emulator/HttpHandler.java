package dev.airgen.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Plain HTTP routes: the REST API, generated media and the schemas service. */
final class HttpHandler extends Handler.Abstract {
    private static final long SYNC_BUDGET_SECONDS = 120;

    private final RunwareEmulator emulator;

    HttpHandler(RunwareEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.equals("/v1") || path.equals("/v1/")) {
            if (!HttpMethod.POST.is(method)) {
                json(response, callback, 405, Wire.errors(List.of(ErrorItem.of(405, "methodNotAllowed",
                        "Send tasks with POST"))), false);
                return true;
            }
            api(request, response, callback);
            return true;
        }
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            json(response, callback, 405, Wire.errors(List.of(ErrorItem.of(405, "methodNotAllowed", "Only GET here"))), false);
            return true;
        }
        if (path.startsWith("/media/")) {
            media(path.substring("/media/".length()), response, callback);
        } else if (path.startsWith("/schemas/")) {
            schemas(path.substring("/schemas/".length()), request, response, callback);
        } else {
            json(response, callback, 404, Wire.errors(List.of(ErrorItem.of(404, "notFound", "No such endpoint: "
                    + TaskEngine.abbreviate(path)))), false);
        }
        return true;
    }

    // ---- REST API ----

    private void api(Request request, Response response, Callback callback) throws IOException {
        Faults faults = emulator.faults();
        TaskEngine.sleep(faults.latency());
        // Read the body first even when a fault answers: a response sent before the body is consumed makes
        // the server drop the connection, and a client reusing it then sees a reset, not the fault.
        long limit = emulator.maxRequestBytes();
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        }
        ErrorItem transientError = faults.takeTransient();
        if (transientError != null) {
            if (transientError.httpStatus() != 504) {
                response.getHeaders().put(HttpHeader.RETRY_AFTER, Long.toString(faults.retryAfterSeconds(transientError)));
            }
            json(response, callback, transientError.httpStatus(), Wire.errors(List.of(transientError)), true);
            return;
        }
        if (body.length > limit) {
            json(response, callback, 413, Wire.errors(List.of(ErrorItem.of(413, "requestTooLarge",
                    "The request body is larger than " + limit + " bytes"))), true);
            return;
        }
        Wire.Parsed parsed = Wire.parse(new String(body, StandardCharsets.UTF_8), emulator.maxTasksPerRequest());
        if (parsed.error() != null) {
            json(response, callback, parsed.error().httpStatus(), Wire.errors(List.of(parsed.error())), true);
            return;
        }
        List<JsonNode> tasks = new ArrayList<>(parsed.tasks());
        String key = bearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (!tasks.isEmpty() && Wire.isAuthentication(tasks.get(0))) {
            JsonNode auth = tasks.remove(0);
            if (key == null) {
                key = JsonNodes.text(auth, "apiKey");
            }
        }
        if (key == null || key.isBlank()) {
            json(response, callback, 401, Wire.errors(List.of(ErrorItem.of(401, "missingApiKey",
                    "Send an API key as 'Authorization: Bearer <key>' or in a leading authentication task"))), true);
            return;
        }
        if (!emulator.acceptsKey(key)) {
            json(response, callback, 401, Wire.errors(List.of(ErrorItem.of(401, "invalidApiKey",
                    "The API key is not valid"))), true);
            return;
        }
        ErrorItem account = faults.accountFailure();
        if (account != null) {
            json(response, callback, account.httpStatus(), Wire.errors(List.of(account)), true);
            return;
        }
        String dry = request.getHeaders().get("X-Runware-Dry-Run");
        TaskEngine.Ctx ctx = new TaskEngine.Ctx(key, dry != null && (dry.equals("1") || dry.equalsIgnoreCase("true")));

        List<TaskEngine.Outcome> outcomes = new ArrayList<>();
        for (JsonNode t : tasks) {
            if (Wire.isAuthentication(t)) {
                continue;
            }
            if (tasks.size() > 1 && t.isObject() && "stream".equals(JsonNodes.text(t, "deliveryMethod"))) {
                outcomes.add(TaskEngine.Outcome.error(ErrorItem.param(400, "unsupportedDeliveryMethod",
                        "A streamed task must be the only task of its request", "deliveryMethod")
                        .forTask(JsonNodes.text(t, "taskType"), JsonNodes.text(t, "taskUUID"))));
                continue;
            }
            outcomes.add(emulator.engine().handle(t, ctx));
        }
        if (outcomes.size() == 1 && outcomes.get(0).job() != null && outcomes.get(0).delivery() == TaskEngine.Delivery.STREAM) {
            stream(outcomes.get(0).job(), response, callback);
            return;
        }
        List<CompletableFuture<Job>> waits = new ArrayList<>();
        for (TaskEngine.Outcome o : outcomes) {
            if (o.job() != null && o.delivery() == TaskEngine.Delivery.SYNC) {
                waits.add(o.job().done);
            }
        }
        CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new))
                .orTimeout(SYNC_BUDGET_SECONDS, TimeUnit.SECONDS)
                .whenComplete((ok, err) -> answer(outcomes, response, callback));
    }

    private void answer(List<TaskEngine.Outcome> outcomes, Response response, Callback callback) {
        List<ObjectNode> data = new ArrayList<>();
        List<ErrorItem> errors = new ArrayList<>();
        for (TaskEngine.Outcome o : outcomes) {
            data.addAll(o.data());
            errors.addAll(o.errors());
            Job job = o.job();
            if (job == null) {
                continue;
            }
            if (o.delivery() != TaskEngine.Delivery.SYNC) {
                data.add(Wire.ack(job));
            } else if (job.failure() != null) {
                errors.add(job.failure());
            } else if (!job.done.isDone()) {
                errors.add(ErrorItem.of(504, "timeoutProvider", "The task did not finish within the synchronous budget")
                        .forTask(job.taskType, job.taskUUID));
            } else {
                data.addAll(job.finishedItems());
            }
        }
        ObjectNode body = JsonNodes.object();
        if (!data.isEmpty()) {
            body.set("data", Wire.data(data).get("data"));
        }
        if (!errors.isEmpty()) {
            body.set("errors", Wire.errors(errors).get("errors"));
        }
        int status = data.isEmpty() && !errors.isEmpty() ? errors.get(0).httpStatus() : 200;
        json(response, callback, status, body, true);
    }

    private void stream(Job job, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        Faults faults = emulator.faults();
        try {
            Results.Text text = Results.text(job.taskType, job.request, 0);
            String[] words = text.text().split("(?<= )");
            long pause = Math.max(1, job.durationMillis / Math.max(1, words.length));
            for (String w : words) {
                TaskEngine.sleep(Duration.ofMillis(pause));
                ObjectNode chunk = JsonNodes.object();
                chunk.put("taskUUID", job.taskUUID);
                chunk.putObject("delta").put("text", w);
                String event = faults.garble(JsonNodes.write(chunk));
                write(response, "data: " + event + "\n\n", false);
                if (!event.endsWith("}")) {
                    // A cut-off event ends the stream as a dropped connection would.
                    response.write(true, ByteBuffer.allocate(0), callback);
                    return;
                }
            }
            job.done.get(SYNC_BUDGET_SECONDS, TimeUnit.SECONDS);
            ObjectNode last = JsonNodes.object();
            if (job.failure() != null) {
                last.putArray("errors").add(job.failure().toJson());
            } else {
                last.put("taskUUID", job.taskUUID);
                last.putObject("delta").put("text", "");
                last.put("finishReason", text.finishReason());
                if (JsonNodes.bool(job.request, "includeUsage")) {
                    last.putObject("usage").put("promptTokens", text.promptTokens())
                            .put("completionTokens", text.completionTokens())
                            .put("totalTokens", text.promptTokens() + text.completionTokens());
                }
                if (job.includeCost) {
                    last.put("cost", job.costPerItem);
                }
            }
            write(response, ": the emulator ends the stream\n\ndata: " + JsonNodes.write(last) + "\n\n", false);
            response.write(true, ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)), callback);
        } catch (Exception e) {
            callback.failed(e);
        }
    }

    private static void write(Response response, String text, boolean last) throws Exception {
        FutureCallback cb = new FutureCallback();
        response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), cb);
        cb.get(30, TimeUnit.SECONDS);
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return h.substring(7).trim();
        }
        return null;
    }

    private void json(Response response, Callback callback, int status, ObjectNode body, boolean faultable) {
        String text = JsonNodes.write(body);
        if (faultable) {
            text = emulator.faults().garble(text);
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    // ---- media ----

    private void media(String name, Response response, Callback callback) {
        MediaStore.Entry e = emulator.media().get(name);
        if (e == null) {
            json(response, callback, 404, Wire.errors(List.of(ErrorItem.of(404, "mediaNotFound", "No such file"))), false);
            return;
        }
        if (e.redirect() != null) {
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, e.redirect());
            callback.succeeded();
            return;
        }
        byte[] bytes;
        try {
            bytes = e.content();
        } catch (RuntimeException ex) {
            json(response, callback, 500, Wire.errors(List.of(ErrorItem.of(500, "internalServerError",
                    "Cannot render " + name + ": " + ex.getMessage()))), false);
            return;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, e.contentType());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    // ---- schemas service ----

    private void schemas(String rest, Request request, Response response, Callback callback) {
        if (rest.equals("registry.json")) {
            SnapshotIndex s = emulator.latestRelease();
            byte[] bytes = JsonNodes.write(s.registryDocument()).getBytes(StandardCharsets.UTF_8);
            String etag = "\"" + sha256(bytes).substring(0, 32) + "\"";
            response.getHeaders().put(HttpHeader.ETAG, etag);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=300");
            String inm = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
            if (inm != null && (inm.equals(etag) || inm.equals("*") || List.of(inm.split("\\s*,\\s*")).contains(etag))) {
                response.setStatus(304);
                callback.succeeded();
                return;
            }
            raw(response, callback, bytes);
            return;
        }
        if (rest.startsWith("resolve/")) {
            String id = URLDecoder.decode(rest.substring("resolve/".length()), StandardCharsets.UTF_8);
            SnapshotIndex release = emulator.latestRelease();
            SnapshotIndex.Target t = release.resolve(id);
            if (t == null) {
                t = emulator.communityModels().schemaFor(release, id);
            }
            if (t == null) {
                json(response, callback, 404, Wire.errors(List.of(ErrorItem.param(404, "unknownModel",
                        "The schemas service knows no model '" + TaskEngine.abbreviate(id) + "'", "model"))), false);
                return;
            }
            ObjectNode doc = JsonNodes.object();
            doc.set("requestSchema", t.requestSchema() == null ? JsonNodes.NODES.nullNode() : t.requestSchema());
            doc.set("responseSchema", t.responseSchema() == null ? JsonNodes.NODES.nullNode() : t.responseSchema());
            doc.put("documentation", "https://runware.ai/docs/models/" + (t.slug() == null ? id : t.slug()));
            json(response, callback, 200, doc, false);
            return;
        }
        if (rest.startsWith("releases/") && rest.endsWith("/schema-map.json")) {
            String version = rest.substring("releases/".length(), rest.length() - "/schema-map.json".length());
            SnapshotIndex s = emulator.release(version);
            if (s == null || s.schemaMapBytesShared() == null) {
                json(response, callback, 404, Wire.errors(List.of(ErrorItem.of(404, "releaseNotFound",
                        "No release " + TaskEngine.abbreviate(version)))), false);
                return;
            }
            if (!version.equals("latest")) {
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "public, max-age=31536000, immutable");
            }
            raw(response, callback, s.schemaMapBytesShared());
            return;
        }
        json(response, callback, 404, Wire.errors(List.of(ErrorItem.of(404, "notFound", "No such schemas endpoint"))), false);
    }

    private static void raw(Response response, Callback callback, byte[] bytes) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
