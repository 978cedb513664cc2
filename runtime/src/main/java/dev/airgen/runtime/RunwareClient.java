package dev.airgen.runtime;

import dev.airgen.runtime.internal.AsyncPoller;
import dev.airgen.runtime.internal.Channel;
import dev.airgen.runtime.internal.Envelope;
import dev.airgen.runtime.internal.Failures;
import dev.airgen.runtime.internal.RestChannel;
import dev.airgen.runtime.internal.Secret;
import dev.airgen.runtime.internal.SseStream;
import dev.airgen.runtime.internal.TaskReply;
import dev.airgen.runtime.internal.TaskSpec;
import dev.airgen.runtime.internal.TransportSettings;
import dev.airgen.runtime.internal.WebSocketChannel;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.TaskRequest;
import dev.airgen.runtime.types.TaskResult;
import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Runware client: sends generated requests (or plain JSON tasks) over REST or WebSocket, validates
 * them against their model's schema first, waits for their results with deadlines and retries, and
 * reads the results into the generated result classes.
 *
 * <pre>{@code
 * try (RunwareClient client = RunwareClient.builder().build()) {   // key from RUNWARE_API_KEY
 *     List<Flux1DevResult> images = client.run(Flux1Dev.builder().positivePrompt("a lighthouse").build());
 * }
 * }</pre>
 *
 * <p>Instances are thread-safe and meant to be shared; {@link #close()} fails whatever is still
 * waiting and releases the threads and the WebSocket the client owns.
 */
public final class RunwareClient implements AutoCloseable {

    /** The production REST endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.runware.ai/v1";
    /** The production WebSocket endpoint. */
    public static final String DEFAULT_WEBSOCKET_URL = "wss://ws-api.runware.ai/v1";
    /** The environment variable the key is read from when none is given. */
    public static final String API_KEY_VARIABLE = "RUNWARE_API_KEY";

    private static final System.Logger LOG = System.getLogger("dev.airgen.runtime");
    private static final String VERSION = "0.1.0";

    private final TransportSettings settings;
    private final Transport transport;
    private final Channel channel;
    private final SseStream sse;
    private final SchemaValidator validator;
    private final boolean validate;
    private final PollingPolicy polling;
    private final Duration timeout;
    private final boolean allowInsecure;
    private final ExecutorService ownedExecutor;
    private final Set<Runnable> stoppers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RunwareClient(Builder b, Secret key) {
        this.transport = b.transport;
        this.validate = b.validation;
        this.validator = b.validator != null ? b.validator : SchemaValidator.create();
        this.polling = b.polling;
        this.timeout = b.timeout;
        this.allowInsecure = b.allowInsecureHttp;
        URI base = checkScheme(b.baseUrl, "baseUrl", "https", "http", b.allowInsecureHttp);
        URI ws = checkScheme(b.webSocketUrl, "webSocketUrl", "wss", "ws", b.allowInsecureHttp);
        Executor executor = b.executor;
        this.ownedExecutor = executor == null ? Executors.newCachedThreadPool(daemon("airgen-runtime-")) : null;
        if (executor == null) {
            executor = ownedExecutor;
        }
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, daemon("airgen-timer-"));
        scheduler.setRemoveOnCancelPolicy(true);
        HttpClient http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).executor(executor)
                        .followRedirects(HttpClient.Redirect.NEVER).build();
        String agent = (b.userAgentPrefix == null ? "" : b.userAgentPrefix + " ")
                + "airgen-runtime/" + VERSION + " (java/" + Runtime.version().feature() + ")";
        this.settings = new TransportSettings(base, ws, key, http, executor, scheduler, b.requestTimeout, b.retry,
                b.authTimeout, b.heartbeatInterval, b.pongTimeout, b.maxReconnectAttempts, b.reconnectBaseDelay,
                b.reconnectMaxDelay, agent);
        this.channel = transport == Transport.WEBSOCKET ? new WebSocketChannel(settings) : new RestChannel(settings);
        this.sse = new SseStream(settings);
    }

    /** A builder with production endpoints, REST transport and validation on. */
    public static Builder builder() {
        return new Builder();
    }

    /** A client with every default; the key comes from {@value #API_KEY_VARIABLE}. */
    public static RunwareClient create() {
        return builder().build();
    }

    // ---------------------------------------------------------------- typed calls

    /**
     * Runs one task and waits for all its results. Sync tasks return what the server answers; tasks
     * whose {@code deliveryMethod} is {@code async} are polled until done.
     *
     * @throws RunwareValidationException when the request breaks its schema (nothing is sent)
     * @throws RunwareException           for every other failure
     */
    public <R extends TaskResult> List<R> run(TaskRequest<R> request) {
        return await(runAsync(request), waitLimit(request));
    }

    /** Like {@link #run} without blocking; the future fails with the same exceptions. */
    public <R extends TaskResult> CompletableFuture<List<R>> runAsync(TaskRequest<R> request) {
        Prepared p;
        try {
            p = prepare(request, null);
        } catch (RunwareException e) {
            return CompletableFuture.failedFuture(e);
        }
        return execute(List.of(p)).get(0).thenApply(items -> convert(items, request.resultType(), p));
    }

    /**
     * Sends several tasks in one HTTP request or WebSocket frame and waits for all of them. A task
     * that fails (validation included) does not hide the others: look each up in the result.
     */
    public BatchResult runBatch(List<? extends TaskRequest<?>> requests) {
        return await(runBatchAsync(requests), timeout.plus(polling.timeout()).plusSeconds(5));
    }

    /** Like {@link #runBatch} without blocking. */
    public CompletableFuture<BatchResult> runBatchAsync(List<? extends TaskRequest<?>> requests) {
        Objects.requireNonNull(requests, "requests");
        checkOpen();
        BatchResult batch = new BatchResult();
        List<TaskRequest<?>> valid = new ArrayList<>();
        List<Prepared> prepared = new ArrayList<>();
        List<RunwareException> invalid = new ArrayList<>();
        for (TaskRequest<?> r : requests) {
            try {
                prepared.add(prepare(r, null));
                valid.add(r);
                invalid.add(null);
            } catch (RunwareException e) {
                invalid.add(e);
            }
        }
        List<CompletableFuture<List<JsonNode>>> futures = prepared.isEmpty() ? List.of() : execute(prepared);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        int sent = 0;
        for (int i = 0; i < requests.size(); i++) {
            TaskRequest<?> r = requests.get(i);
            if (invalid.get(i) != null) {
                batch.failed(r, invalid.get(i));
                continue;
            }
            Prepared p = prepared.get(sent);
            CompletableFuture<List<JsonNode>> f = futures.get(sent++);
            all.add(f.handle((items, failure) -> {
                synchronized (batch) {
                    if (failure != null) {
                        batch.failed(r, rethrow(failure));
                    } else {
                        try {
                            batch.succeeded(r, convert(items, r.resultType(), p));
                        } catch (RunwareException e) {
                            batch.failed(r, e);
                        }
                    }
                }
                return null;
            }));
        }
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(v -> reorder(batch, requests));
    }

    private static BatchResult reorder(BatchResult done, List<? extends TaskRequest<?>> order) {
        BatchResult out = new BatchResult();
        for (TaskRequest<?> r : order) {
            Object failure = done.failure(r).orElse(null);
            if (failure != null) {
                out.failed(r, (RunwareException) failure);
            } else {
                out.succeeded(r, castResults(done, r));
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<?> castResults(BatchResult done, TaskRequest r) {
        return done.results(r);
    }

    /**
     * Submits one task with async delivery (set unless the request already says so) and returns at
     * once with a handle that polls for its results.
     *
     * @throws RunwareValidationException when the request breaks its schema (nothing is sent)
     * @throws IllegalArgumentException   when the request asks for a different delivery method
     */
    public <R extends TaskResult> TaskHandle<R> submit(TaskRequest<R> request) {
        Prepared p = prepare(request, "async");
        return submitPrepared(p, items -> convert(items, request.resultType(), p));
    }

    /**
     * Streams a text task over server-sent events ({@code deliveryMethod} is set to {@code stream}).
     * The listener sees each piece as it arrives; the future holds the whole answer.
     */
    public CompletableFuture<TextStreamResult> stream(TaskRequest<?> textRequest, StreamListener listener) {
        Prepared p;
        try {
            p = prepare(textRequest, "stream");
        } catch (RunwareException e) {
            safeError(listener, e);
            return CompletableFuture.failedFuture(e);
        }
        return streamPrepared(p, listener);
    }

    /**
     * The same stream as {@link #stream} as a {@link Flow.Publisher}. The task starts when the first
     * subscriber subscribes; a request can be streamed once, so a second subscriber is refused.
     * Back-pressure reaches the connection: reading pauses while the subscriber's buffer is full.
     */
    public Flow.Publisher<TextChunk> streamPublisher(TaskRequest<?> textRequest) {
        Objects.requireNonNull(textRequest, "textRequest");
        java.util.concurrent.atomic.AtomicBoolean used = new java.util.concurrent.atomic.AtomicBoolean();
        return subscriber -> {
            Objects.requireNonNull(subscriber, "subscriber");
            if (!used.compareAndSet(false, true)) {
                subscriber.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                    }

                    @Override
                    public void cancel() {
                    }
                });
                subscriber.onError(new IllegalStateException("task " + textRequest.taskUUID() + " is already streaming"));
                return;
            }
            SubmissionPublisher<TextChunk> publisher = new SubmissionPublisher<>(settings.executor(),
                    Flow.defaultBufferSize());
            publisher.subscribe(subscriber);
            stream(textRequest, new StreamListener() {
                @Override
                public void onChunk(TextChunk chunk) {
                    publisher.submit(chunk);
                }

                @Override
                public void onComplete(TextStreamResult result) {
                    publisher.close();
                }

                @Override
                public void onError(RunwareException error) {
                    publisher.closeExceptionally(error);
                }
            });
        };
    }

    /** Checks a request against its schema without sending it. */
    public void validate(TaskRequest<?> request) {
        ObjectNode json = toJson(request);
        check(request.getClass().getClassLoader(), request.requestSchema(), json, request.taskType(),
                request.taskUUID());
    }

    // ---------------------------------------------------------------- untyped calls

    /**
     * Runs a task given as a JSON object (for models without generated classes); a missing
     * {@code taskUUID} is generated. Results come back as JSON trees. Not validated; see
     * {@link #validateJson}.
     */
    public List<JsonNode> runJson(JsonNode task) {
        return await(runJsonAsync(task), timeout.plus(polling.timeout()));
    }

    /** A task given as a map of plain Java values; otherwise like {@link #runJson}. */
    public List<JsonNode> run(Map<String, ?> task) {
        return runJson(Json.mapper().valueToTree(task));
    }

    /** Like {@link #runJson} without blocking. */
    public CompletableFuture<List<JsonNode>> runJsonAsync(JsonNode task) {
        Prepared p;
        try {
            p = prepareJson(task, null);
        } catch (RunwareException e) {
            return CompletableFuture.failedFuture(e);
        }
        return execute(List.of(p)).get(0);
    }

    /** Submits a JSON task with async delivery; see {@link #submit}. */
    public TaskHandle<JsonNode> submitJson(JsonNode task) {
        return submitPrepared(prepareJson(task, "async"), items -> items);
    }

    /** Streams a JSON text task; see {@link #stream}. */
    public CompletableFuture<TextStreamResult> streamJson(JsonNode task, StreamListener listener) {
        return streamPrepared(prepareJson(task, "stream"), listener);
    }

    /**
     * Checks a JSON task against the schema in a classpath resource.
     *
     * @throws RunwareValidationException naming every failing parameter
     */
    public void validateJson(JsonNode task, String schemaResource) {
        check(Thread.currentThread().getContextClassLoader(), schemaResource, task,
                Envelope.text(task, "taskType"), Envelope.text(task, "taskUUID"));
    }

    // ---------------------------------------------------------------- utilities

    /** Uploads an image file (deprecated {@code imageUpload} task); returns its UUID and URL. */
    public UploadedMedia imageUpload(Path file) {
        return imageUploadValue(dataUri(file));
    }

    /** Uploads image bytes of the given MIME type, for example {@code image/png}. */
    public UploadedMedia imageUpload(byte[] bytes, String mimeType) {
        return imageUploadValue(dataUri(bytes, mimeType));
    }

    /** Registers an image at a public URL. */
    public UploadedMedia imageUpload(URI url) {
        return imageUploadValue(url.toString());
    }

    private UploadedMedia imageUploadValue(String image) {
        ObjectNode task = utility("imageUpload");
        task.put("image", image);
        JsonNode item = first(runJson(task), "imageUpload");
        return new UploadedMedia(Envelope.text(item, "imageUUID"), Envelope.text(item, "imageURL"));
    }

    /** Stores a media file ({@code mediaStorage} upload); returns its UUID and URL. */
    public UploadedMedia mediaUpload(Path file) {
        return mediaUploadValue(dataUri(file));
    }

    /** Stores media bytes of the given MIME type. */
    public UploadedMedia mediaUpload(byte[] bytes, String mimeType) {
        return mediaUploadValue(dataUri(bytes, mimeType));
    }

    /** Stores media found at a public URL. */
    public UploadedMedia mediaUpload(URI url) {
        return mediaUploadValue(url.toString());
    }

    private UploadedMedia mediaUploadValue(String media) {
        ObjectNode task = utility("mediaStorage");
        task.put("operation", "upload");
        task.put("media", media);
        JsonNode item = first(runJson(task), "mediaStorage");
        return new UploadedMedia(Envelope.text(item, "mediaUUID"), Envelope.text(item, "mediaURL"));
    }

    /** Deletes stored media by UUID. */
    public void mediaDelete(String mediaUUID) {
        ObjectNode task = utility("mediaStorage");
        task.put("operation", "delete");
        task.put("media", mediaUUID);
        runJson(task);
    }

    /** One {@code getResponse} poll of an async task: its items as the server has them now. */
    public List<JsonNode> getResponse(String taskUUID) {
        ObjectNode json = Json.mapper().createObjectNode();
        json.put("taskType", "getResponse");
        json.put("taskUUID", taskUUID);
        TaskSpec spec = new TaskSpec(taskUUID, "getResponse", json, TaskSpec.Mode.POLL, 1);
        TaskReply reply = await(channel.send(List.of(spec), deadline(settings.requestTimeout())).get(0),
                settings.requestTimeout());
        if (!reply.errors().isEmpty() && reply.items().isEmpty()) {
            throw Failures.fromErrors(reply.errors(), reply.httpStatus());
        }
        return reply.items();
    }

    /** The archived request and response of a task ({@code getTaskDetails}). */
    public JsonNode getTaskDetails(String taskUUID) {
        ObjectNode task = Json.mapper().createObjectNode();
        task.put("taskType", "getTaskDetails");
        task.put("taskUUID", taskUUID);
        return first(runJson(task), "getTaskDetails");
    }

    /**
     * Downloads an output URL to a file, reporting progress. The file appears complete or not at
     * all (written beside it first, then moved). The API key is not sent.
     *
     * @return the number of bytes written
     */
    public long download(URI url, Path target, DownloadListener listener) {
        Path dir = target.toAbsolutePath().getParent();
        Path part = null;
        ScheduledFuture<?> guard = null;
        try {
            HttpResponse<InputStream> response = open(url);
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new RunwareTransportException(RunwareException.details(
                            ErrorCategory.fromStatus(response.statusCode()), "downloadFailed",
                            "download answered HTTP " + response.statusCode()).httpStatus(response.statusCode()), null);
                }
                guard = settings.scheduler().schedule(() -> closeQuietly(in), timeout.toNanos(), TimeUnit.NANOSECONDS);
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
                long written = 0;
                try (OutputStream out = Files.newOutputStream(part)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        written += n;
                        if (listener != null) {
                            listener.onProgress(written, total);
                        }
                    }
                }
                if (total >= 0 && written != total) {
                    throw Failures.connection("downloadTruncated", "download ended after " + written + " of "
                            + total + " bytes", null);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                part = null;
                return written;
            }
        } catch (IOException e) {
            throw Failures.wrap(e, settings.apiKey());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.aborted("interrupted while downloading");
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // the partial file is in the target's folder with a .part suffix; nothing else to do
                }
            }
        }
    }

    /** GETs a download URL, following a few redirects itself so that each hop is checked for HTTPS. */
    private HttpResponse<InputStream> open(URI url) throws IOException, InterruptedException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            checkScheme(current, "download URL", "https", "http", allowInsecure);
            HttpRequest request = HttpRequest.newBuilder(current).timeout(settings.requestTimeout())
                    .header("User-Agent", settings.userAgent()).GET().build();
            HttpResponse<InputStream> response = settings.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            var location = response.headers().firstValue("Location");
            if (status / 100 != 3 || location.isEmpty() || status == 304) {
                return response;
            }
            response.body().close();
            if (hop >= 5) {
                throw Failures.connection("tooManyRedirects", "download redirected more than 5 times", null);
            }
            current = current.resolve(location.get());
        }
    }

    /**
     * Reads a webhook body (what Runware POSTs when a task finishes) into typed results.
     *
     * @throws RunwareException when the body carries errors or is not a Runware answer
     */
    public <R extends TaskResult> List<R> parseWebhook(String body, Class<R> resultType) {
        Envelope env;
        try {
            JsonNode tree = Json.mapper().readTree(body);
            env = tree.isObject() && !tree.has("data") && !tree.has("errors") && !tree.has("error")
                    ? new Envelope(List.of(tree), List.of()) : Envelope.parse(tree, settings.apiKey());
        } catch (JacksonException e) {
            throw Failures.malformed("webhook body is not valid JSON", 0, null);
        } catch (RuntimeException e) {
            throw Failures.wrap(e, settings.apiKey());
        }
        if (!env.errors().isEmpty()) {
            throw Failures.fromErrors(env.errors(), 0);
        }
        return convert(env.items(), resultType, null);
    }

    // ---------------------------------------------------------------- lifecycle

    /** The transport this client sends tasks with. */
    public Transport transport() {
        return transport;
    }

    /**
     * Fails every call still waiting with an {@code aborted} error, closes the WebSocket, and stops
     * the threads the client created. A supplied {@code HttpClient} or executor is left alone.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        stoppers.forEach(Runnable::run);
        channel.close();
        sse.close();
        ((ScheduledThreadPoolExecutor) settings.scheduler()).shutdownNow();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    @Override
    public String toString() {
        return "RunwareClient{transport=" + transport + ", baseUrl=" + settings.baseUrl()
                + (transport == Transport.WEBSOCKET ? ", webSocketUrl=" + settings.webSocketUrl() : "")
                + ", apiKey=" + settings.apiKey() + ", validation=" + validate + "}";
    }

    // ---------------------------------------------------------------- internals

    /** A task ready to send. */
    private record Prepared(String uuid, String taskType, ObjectNode json, boolean async, int numberResults) {
    }

    private Prepared prepare(TaskRequest<?> request, String delivery) {
        Objects.requireNonNull(request, "request");
        checkOpen();
        ObjectNode json = toJson(request);
        applyDelivery(json, delivery);
        if (validate && request.requestSchema() != null) {
            check(request.getClass().getClassLoader(), request.requestSchema(), json, request.taskType(),
                    request.taskUUID());
        }
        return prepared(json);
    }

    private Prepared prepareJson(JsonNode task, String delivery) {
        Objects.requireNonNull(task, "task");
        checkOpen();
        if (!task.isObject()) {
            throw new IllegalArgumentException("a task must be a JSON object, got " + task.getNodeType());
        }
        ObjectNode json = ((ObjectNode) task).deepCopy();
        if (Envelope.text(json, "taskType") == null) {
            throw new IllegalArgumentException("task has no taskType");
        }
        if (Envelope.text(json, "taskUUID") == null) {
            json.put("taskUUID", UUID.randomUUID().toString());
        }
        applyDelivery(json, delivery);
        return prepared(json);
    }

    private static Prepared prepared(ObjectNode json) {
        String delivery = Envelope.text(json, "deliveryMethod");
        int n = json.path("numberResults").isIntegralNumber() ? json.get("numberResults").asInt() : 1;
        return new Prepared(Envelope.text(json, "taskUUID"), Envelope.text(json, "taskType"), json,
                "async".equals(delivery), Math.max(1, n));
    }

    private static ObjectNode toJson(TaskRequest<?> request) {
        JsonNode tree = Json.mapper().valueToTree(request);
        if (!(tree instanceof ObjectNode json)) {
            throw new IllegalArgumentException(request.getClass().getName() + " does not serialize to a JSON object");
        }
        String type = request.taskType();
        String uuid = request.taskUUID();
        if (type == null || uuid == null) {
            throw new IllegalArgumentException(request.getClass().getName() + " has no taskType or taskUUID");
        }
        String wireType = Envelope.text(json, "taskType");
        String wireUuid = Envelope.text(json, "taskUUID");
        if (wireType != null && !wireType.equals(type) || wireUuid != null && !wireUuid.equals(uuid)) {
            throw new IllegalArgumentException(request.getClass().getName()
                    + " serializes a taskType/taskUUID different from taskType()/taskUUID()");
        }
        if (wireType == null || wireUuid == null) {
            ObjectNode ordered = Json.mapper().createObjectNode();
            ordered.put("taskType", type);
            ordered.put("taskUUID", uuid);
            ordered.setAll(json);
            json = ordered;
        }
        return json;
    }

    private static void applyDelivery(ObjectNode json, String delivery) {
        if (delivery == null) {
            return;
        }
        String current = Envelope.text(json, "deliveryMethod");
        if (current == null) {
            json.put("deliveryMethod", delivery);
        } else if (!current.equals(delivery)) {
            throw new IllegalArgumentException("request asks for deliveryMethod '" + current + "' but this call needs '"
                    + delivery + "'");
        }
        if ("stream".equals(delivery) && json.path("numberResults").asInt(1) > 1) {
            throw new IllegalArgumentException("streaming delivers one result; numberResults must be 1");
        }
    }

    private void check(ClassLoader loader, String schema, JsonNode json, String taskType, String taskUUID) {
        List<Violation> violations = validator.validate(loader, schema, json);
        if (!violations.isEmpty()) {
            throw new RunwareValidationException(taskType, taskUUID, violations);
        }
    }

    private List<CompletableFuture<List<JsonNode>>> execute(List<Prepared> tasks) {
        List<TaskSpec> specs = new ArrayList<>(tasks.size());
        for (Prepared p : tasks) {
            specs.add(new TaskSpec(p.uuid(), p.taskType(), p.json(), p.async() ? TaskSpec.Mode.ACK : TaskSpec.Mode.SYNC,
                    p.async() ? 1 : p.numberResults()));
        }
        List<CompletableFuture<TaskReply>> replies = channel.send(specs, deadline(timeout));
        List<CompletableFuture<List<JsonNode>>> out = new ArrayList<>(tasks.size());
        for (int i = 0; i < tasks.size(); i++) {
            Prepared p = tasks.get(i);
            out.add(replies.get(i).handle((reply, failure) -> {
                if (failure != null) {
                    return CompletableFuture.<List<JsonNode>>failedFuture(Failures.wrap(failure, settings.apiKey()));
                }
                if (!reply.errors().isEmpty()) {
                    return CompletableFuture.<List<JsonNode>>failedFuture(taskFailure(reply, p));
                }
                if (!p.async()) {
                    return CompletableFuture.completedFuture(reply.items());
                }
                AsyncPoller poller = new AsyncPoller(channel, settings, polling, p.uuid(), p.taskType(),
                        p.numberResults(), deadline(polling.timeout()));
                return track(poller).start().result();
            }).thenCompose(f -> f));
        }
        return out;
    }

    private AsyncPoller track(AsyncPoller poller) {
        Runnable stop = poller::cancel;
        stoppers.add(stop);
        poller.result().whenComplete((r, t) -> stoppers.remove(stop));
        if (closed) {
            poller.cancel();
        }
        return poller;
    }

    private <R> TaskHandle<R> submitPrepared(Prepared p, java.util.function.Function<List<JsonNode>, List<R>> convert) {
        TaskSpec spec = new TaskSpec(p.uuid(), p.taskType(), p.json(), TaskSpec.Mode.ACK, 1);
        long pollDeadline = deadline(polling.timeout());
        AsyncPoller poller = new AsyncPoller(channel, settings, polling, p.uuid(), p.taskType(), p.numberResults(),
                pollDeadline);
        CompletableFuture<TaskReply> ack = channel.send(List.of(spec), Math.min(pollDeadline, deadline(timeout))).get(0);
        CompletableFuture<List<R>> results = ack.handle((reply, failure) -> {
            if (failure != null) {
                return CompletableFuture.<List<JsonNode>>failedFuture(Failures.wrap(failure, settings.apiKey()));
            }
            if (!reply.errors().isEmpty()) {
                return CompletableFuture.<List<JsonNode>>failedFuture(taskFailure(reply, p));
            }
            return track(poller).start().result();
        }).thenCompose(f -> f).thenApply(convert);
        Runnable stop = () -> {
            poller.cancel();
            results.completeExceptionally(Failures.aborted("stopped waiting for task " + p.uuid()
                    + " (the task itself is not cancelled on the server)"));
        };
        TaskHandle<R> handle = new TaskHandle<>(p.uuid(), p.taskType(), results, stop, polling.timeout());
        poller.addListener(handle::progress);
        return handle;
    }

    private CompletableFuture<TextStreamResult> streamPrepared(Prepared p, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String[] finish = new String[1];
        JsonNode[] usage = new JsonNode[1];
        Double[] cost = new Double[1];
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<TextStreamResult> out = new CompletableFuture<>();
        sse.stream(p.json(), chunk -> {
            JsonNode delta = chunk.path("delta");
            String t = delta.path("text").isString() ? delta.get("text").asString()
                    : chunk.path("text").isString() ? chunk.get("text").asString() : "";
            String r = delta.path("reasoningContent").isString() ? delta.get("reasoningContent").asString() : "";
            String f = chunk.path("finishReason").isString() ? chunk.get("finishReason").asString() : null;
            JsonNode u = chunk.has("usage") && !chunk.get("usage").isNull() ? chunk.get("usage") : null;
            Double c = chunk.path("cost").isNumber() ? chunk.get("cost").asDouble() : null;
            text.append(t);
            reasoning.append(r);
            if (f != null) {
                finish[0] = f;
            }
            if (u != null) {
                usage[0] = u;
            }
            if (c != null) {
                cost[0] = c;
            }
            count.incrementAndGet();
            String uuid = Envelope.text(chunk, "taskUUID");
            listener.onChunk(new TextChunk(uuid != null ? uuid : p.uuid(), t, r, f, u, c, chunk));
        }, deadline(timeout)).whenComplete((v, failure) -> {
            if (failure != null) {
                // Whatever the stream died of while the client was closing, the cause is the close.
                RunwareException e = closed
                        ? new RunwareTransportException(ErrorCategory.ABORTED, "aborted", "the client was closed", Failures.unwrap(failure))
                        : Failures.wrap(failure, settings.apiKey());
                safeError(listener, e);
                out.completeExceptionally(e);
                return;
            }
            TextStreamResult result = new TextStreamResult(p.uuid(), text.toString(), reasoning.toString(), finish[0],
                    usage[0], cost[0], count.get());
            try {
                listener.onComplete(result);
                out.complete(result);
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    private static void safeError(StreamListener listener, RunwareException e) {
        try {
            listener.onError(e);
        } catch (RuntimeException ignored) {
            // the failure is reported through the future as well
        }
    }

    private RunwareException taskFailure(TaskReply reply, Prepared p) {
        var e = reply.errors().get(0);
        var filled = new dev.airgen.runtime.ApiError(e.code(), e.message(), e.parameters(),
                e.taskUUID() != null ? e.taskUUID() : p.uuid(), e.taskType() != null ? e.taskType() : p.taskType(),
                e.documentation());
        return RunwareApiException.of(filled, reply.httpStatus());
    }

    private <R> List<R> convert(List<JsonNode> items, Class<R> type, Prepared p) {
        List<R> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            try {
                out.add(Json.mapper().treeToValue(item, type));
            } catch (JacksonException | IllegalArgumentException e) {
                throw Failures.malformed("result item cannot be read as " + type.getSimpleName() + ": "
                        + settings.apiKey().redact(e.getMessage()), 0, null);
            }
        }
        return List.copyOf(out);
    }

    private ObjectNode utility(String taskType) {
        ObjectNode task = Json.mapper().createObjectNode();
        task.put("taskType", taskType);
        task.put("taskUUID", UUID.randomUUID().toString());
        return task;
    }

    private static JsonNode first(List<JsonNode> items, String what) {
        if (items.isEmpty()) {
            throw Failures.malformed(what + " answered with no item", 0, null);
        }
        return items.get(0);
    }

    private static String dataUri(Path file) {
        try {
            String type = Files.probeContentType(file);
            if (type == null) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                type = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg")
                        ? "image/jpeg" : name.endsWith(".webp") ? "image/webp" : "application/octet-stream";
            }
            return dataUri(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String dataUri(byte[] bytes, String mimeType) {
        Objects.requireNonNull(mimeType, "mimeType");
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private Duration waitLimit(TaskRequest<?> request) {
        return timeout.plus(polling.timeout()).plusSeconds(5);
    }

    private static long deadline(Duration d) {
        long now = System.nanoTime();
        long n = d.toNanos();
        return n > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + n;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("RunwareClient is closed");
        }
    }

    /** Blocks for a future that completes by itself before {@code limit}; the limit is a last resort. */
    private static <T> T await(CompletableFuture<T> future, Duration limit) {
        try {
            return future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw Failures.aborted("interrupted while waiting");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (TimeoutException e) {
            throw Failures.timeout("no outcome within " + limit.toSeconds() + " s", null);
        }
    }

    static RunwareException rethrow(Throwable failure) {
        Throwable cause = Failures.unwrap(failure);
        if (cause instanceof RunwareException e) {
            return e;
        }
        if (cause instanceof RuntimeException r && !(cause instanceof java.util.concurrent.CancellationException)) {
            return Failures.wrap(r, null);
        }
        return Failures.wrap(cause, null);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing interrupts a read that outlived its deadline
        }
    }

    private static URI checkScheme(URI uri, String what, String secure, String plain, boolean allowInsecure) {
        Objects.requireNonNull(uri, what);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(what + " has no host: " + uri);
        }
        if (scheme.equals(secure)) {
            return uri;
        }
        if (scheme.equals(plain)) {
            if (allowInsecure || isLoopback(uri.getHost())) {
                return uri;
            }
            throw new IllegalArgumentException(what + " must use " + secure + ": " + uri
                    + " (plain " + plain + " is only allowed for loopback hosts or with allowInsecureHttp(true))");
        }
        throw new IllegalArgumentException(what + " must be a " + secure + " URL, got: " + uri);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link RunwareClient}. Every timing is adjustable so tests can run fast. */
    public static final class Builder {
        private String apiKey;
        private URI baseUrl = URI.create(DEFAULT_BASE_URL);
        private URI webSocketUrl = URI.create(DEFAULT_WEBSOCKET_URL);
        private Transport transport = Transport.REST;
        private Duration requestTimeout = Duration.ofMinutes(5);
        private Duration timeout = Duration.ofMinutes(10);
        private Duration connectTimeout = Duration.ofSeconds(30);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private PollingPolicy polling = PollingPolicy.DEFAULT;
        private boolean validation = true;
        private SchemaValidator validator;
        private HttpClient httpClient;
        private Executor executor;
        private boolean allowInsecureHttp;
        private Duration authTimeout = Duration.ofSeconds(15);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration pongTimeout = Duration.ofSeconds(10);
        private int maxReconnectAttempts = 10;
        private Duration reconnectBaseDelay = Duration.ofSeconds(1);
        private Duration reconnectMaxDelay = Duration.ofSeconds(30);
        private String userAgentPrefix;

        private Builder() {
        }

        /** The API key; when never called, {@value #API_KEY_VARIABLE} is read at {@link #build()}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** The REST endpoint, default {@value #DEFAULT_BASE_URL}. */
        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        public Builder baseUrl(URI url) {
            this.baseUrl = Objects.requireNonNull(url, "baseUrl");
            return this;
        }

        /** The WebSocket endpoint, default {@value #DEFAULT_WEBSOCKET_URL}. */
        public Builder webSocketUrl(String url) {
            return webSocketUrl(URI.create(url));
        }

        public Builder webSocketUrl(URI url) {
            this.webSocketUrl = Objects.requireNonNull(url, "webSocketUrl");
            return this;
        }

        /** REST (default) or WebSocket. Streaming always uses REST. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The longest single HTTP call or wait for one WebSocket answer; default 5 minutes. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /** The longest a sync call may take including retries; default 10 minutes. */
        public Builder timeout(Duration d) {
            this.timeout = positive(d, "timeout");
            return this;
        }

        /** The longest wait for a TCP/TLS connection; default 30 seconds. Ignored with {@link #httpClient}. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        public Builder pollingPolicy(PollingPolicy policy) {
            this.polling = Objects.requireNonNull(policy, "pollingPolicy");
            return this;
        }

        /** Whether requests are checked against their schema before sending; default true. */
        public Builder validation(boolean enabled) {
            this.validation = enabled;
            return this;
        }

        /** A validator to share between clients (schemas are compiled once per validator). */
        public Builder schemaValidator(SchemaValidator validator) {
            this.validator = Objects.requireNonNull(validator, "validator");
            return this;
        }

        /** The HTTP client to use, also for WebSockets; default: a new one per client. */
        public Builder httpClient(HttpClient client) {
            this.httpClient = Objects.requireNonNull(client, "httpClient");
            return this;
        }

        /** Runs callbacks and continuations; default: a cached daemon pool owned by the client. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Permits plain http/ws to hosts other than loopback. Never do this with a real key. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /** The longest wait for the WebSocket authentication answer; default 15 seconds. */
        public Builder authTimeout(Duration d) {
            this.authTimeout = positive(d, "authTimeout");
            return this;
        }

        /** Ping interval of the WebSocket; default 30 seconds. */
        public Builder heartbeatInterval(Duration d) {
            this.heartbeatInterval = positive(d, "heartbeatInterval");
            return this;
        }

        /** How long a ping may go unanswered before the socket is replaced; default 10 seconds. */
        public Builder pongTimeout(Duration d) {
            this.pongTimeout = positive(d, "pongTimeout");
            return this;
        }

        /** Consecutive failed reconnects before pending tasks fail; default 10. */
        public Builder maxReconnectAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxReconnectAttempts must be >= 0");
            }
            this.maxReconnectAttempts = attempts;
            return this;
        }

        /** Reconnect waits: {@code base * 2^(n-1)} up to {@code max}, plus up to a second of jitter. */
        public Builder reconnectBackoff(Duration base, Duration max) {
            this.reconnectBaseDelay = Objects.requireNonNull(base, "base");
            this.reconnectMaxDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Put in front of the User-Agent, for example {@code my-app/1.2}. */
        public Builder userAgentPrefix(String prefix) {
            this.userAgentPrefix = prefix;
            return this;
        }

        /**
         * @throws IllegalStateException    when there is no key
         * @throws IllegalArgumentException when an endpoint is not HTTPS/WSS (loopback and the
         *                                  explicit opt-in excepted)
         */
        public RunwareClient build() {
            String key = apiKey != null ? apiKey : System.getenv(API_KEY_VARIABLE);
            if (key == null || key.isBlank()) {
                throw new IllegalStateException("no API key: call apiKey(...) or set " + API_KEY_VARIABLE);
            }
            return new RunwareClient(this, new Secret(key));
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        @Override
        public String toString() {
            return "RunwareClient.Builder{baseUrl=" + baseUrl + ", transport=" + transport
                    + ", apiKey=" + (apiKey == null ? "unset" : "***") + "}";
        }
    }
}
