package dev.airgen.runtime;

import dev.airgen.runtime.internal.JsonTrees;
import dev.airgen.runtime.internal.Secret;
import dev.airgen.runtime.internal.Urls;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import dev.airgen.runtime.types.TaskRequest;
import dev.airgen.runtime.types.TaskResult;
import dev.airgen.runtime.validation.SchemaValidator;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Runware client: sends generated requests (or plain JSON tasks) over REST or WebSocket, validates
 * them against their model's schema first, takes each task to its outcome the way its model delivers
 * (sync, or async with {@code getResponse} polling), and reads the results into the generated result
 * classes.
 *
 * <pre>{@code
 * try (RunwareClient client = RunwareClient.builder().build()) {   // key from RUNWARE_API_KEY
 *     List<BflFlux1DevRequest.Result> images = client.run(BflFlux1DevRequest.builder().positivePrompt("a lighthouse").build());
 * }
 * }</pre>
 *
 * <p>This class is a facade: sending, recovery and polling live in the runtime's internal task runner,
 * the transports, media handling and the schema index, which are not API. Instances are thread-safe and
 * meant to be shared; {@link #close()} fails whatever is still waiting and releases the threads and the
 * WebSocket the client owns.
 */
public final class RunwareClient implements AutoCloseable {

    /** The production REST endpoint. */
    public static final String DEFAULT_BASE_URL = "https://api.runware.ai/v1";
    /** The production WebSocket endpoint. */
    public static final String DEFAULT_WEBSOCKET_URL = "wss://ws-api.runware.ai/v1";
    /** The environment variable the key is read from when none is given. */
    public static final String API_KEY_VARIABLE = "RUNWARE_API_KEY";

    private static final String VERSION = "0.1.0";

    private final Secret key;
    private final TransportSettings settings;
    private final Transport transport;
    private final Channel channel;
    private final TaskRunner runner;
    private final SseStream sse;
    private final Media media;
    private final Requests requests;
    private final boolean validate;
    private final PollingPolicy polling;
    private final Duration timeout;
    private final ExecutorService ownedExecutor;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<Runnable> stoppers = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RunwareClient(Builder b, Secret key) {
        this.key = key;
        this.transport = b.transport;
        this.validate = b.validation;
        this.polling = b.polling;
        this.timeout = b.timeout;
        URI base = Urls.check(b.baseUrl, "baseUrl", "https", "http", b.allowInsecureHttp);
        URI ws = Urls.check(b.webSocketUrl, "webSocketUrl", "wss", "ws", b.allowInsecureHttp);
        Executor executor = b.executor;
        this.ownedExecutor = executor == null ? Executors.newCachedThreadPool(daemon("airgen-runtime-")) : null;
        if (executor == null) {
            executor = ownedExecutor;
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        this.requests = new Requests(b.validator != null ? b.validator : SchemaValidator.create(), b.validation,
                context != null ? context : RunwareClient.class.getClassLoader(), executor);
        requests.warmUpJson();
        this.scheduler = new ScheduledThreadPoolExecutor(1, daemon("airgen-timer-"));
        scheduler.setRemoveOnCancelPolicy(true);
        HttpClient http = b.httpClient;
        if (http == null) {
            HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(b.connectTimeout)
                    .executor(httpExecutor(b.transport, ownedExecutor != null, executor))
                    .followRedirects(HttpClient.Redirect.NEVER);
            if (b.proxy != null) {
                hb.proxy(b.proxy);
            }
            http = hb.build();
        }
        String agent = (b.userAgentPrefix == null ? "" : b.userAgentPrefix + " ")
                + "airgen-runtime/" + VERSION + " (java/" + Runtime.version().feature() + ")";
        this.settings = new TransportSettings(base, ws, key, http, executor, ownedExecutor != null, scheduler,
                new Deadlines(scheduler), b.requestTimeout, b.retry,
                b.authTimeout, b.heartbeatInterval, b.pongTimeout, b.maxReconnectAttempts, b.reconnectBaseDelay,
                b.reconnectMaxDelay, agent, b.dryRun);
        this.channel = transport == Transport.WEBSOCKET ? new WebSocketChannel(settings) : new RestChannel(settings);
        this.runner = new TaskRunner(channel, settings, polling);
        this.sse = new SseStream(settings);
        boolean allowInsecure = b.allowInsecureHttp;
        this.media = new Media(settings, url -> Urls.check(url, "download URL", "https", "http", allowInsecure));
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
     * Runs one task and waits for all its results, the way its model delivers: tasks whose schema makes
     * {@code async} the delivery (most video models) are sent async and polled until done.
     *
     * @throws RunwareValidationException when the request breaks its schema (nothing is sent)
     * @throws RunwareException           for every other failure
     */
    public <R extends TaskResult> List<R> run(TaskRequest<R> request) {
        return run(request, RunOptions.defaults());
    }

    /** Like {@link #run(TaskRequest)} with a timeout and a progress listener of its own. */
    public <R extends TaskResult> List<R> run(TaskRequest<R> request, RunOptions options) {
        return start(request, options).await();
    }

    /** Like {@link #run} without blocking. Cancelling the future stops the client's sending and polling. */
    public <R extends TaskResult> CompletableFuture<List<R>> runAsync(TaskRequest<R> request) {
        return runAsync(request, RunOptions.defaults());
    }

    /** Like {@link #run(TaskRequest, RunOptions)} without blocking. */
    public <R extends TaskResult> CompletableFuture<List<R>> runAsync(TaskRequest<R> request, RunOptions options) {
        try {
            return start(request, options).future();
        } catch (RunwareException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Starts one task the way its model delivers and returns at once with a handle: wait with
     * {@link TaskHandle#await()}, hear each result with {@link TaskHandle#onResult}, stop with
     * {@link TaskHandle#cancel()}.
     *
     * @throws RunwareValidationException when the request breaks its schema (nothing is sent)
     */
    public <R extends TaskResult> TaskHandle<R> start(TaskRequest<R> request, RunOptions options) {
        checkOpen();
        TaskHandle<R> handle = launch(requests.prepare(request, null), options, item -> convert(item, request.resultType()));
        requests.prepareResultReader(request);
        return handle;
    }

    /**
     * Submits one task with async delivery (set unless the request already says so) and returns at once
     * with a handle that polls for its results.
     *
     * @throws RunwareValidationException when the request breaks its schema (nothing is sent)
     * @throws IllegalArgumentException   when the request asks for a different delivery method
     */
    public <R extends TaskResult> TaskHandle<R> submit(TaskRequest<R> request) {
        checkOpen();
        TaskHandle<R> handle = launch(requests.prepare(request, "async"), RunOptions.defaults(),
                item -> convert(item, request.resultType()));
        requests.prepareResultReader(request);
        return handle;
    }

    /**
     * Sends several tasks in one HTTP request or WebSocket frame and waits for all of them. A task that
     * fails (validation included) does not hide the others: look each up in the result.
     */
    public BatchResult runBatch(List<? extends TaskRequest<?>> requests) {
        return await(runBatchAsync(requests), timeout.plus(polling.timeout()).plusSeconds(5));
    }

    /** Like {@link #runBatch} without blocking. */
    public CompletableFuture<BatchResult> runBatchAsync(List<? extends TaskRequest<?>> requests) {
        Objects.requireNonNull(requests, "requests");
        checkOpen();
        BatchResult batch = new BatchResult();
        List<TaskRunner.Run> runs = new ArrayList<>();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (TaskRequest<?> r : requests) {
            TaskRunner.Task task;
            try {
                task = this.requests.prepare(r, null);
            } catch (RunwareException e) {
                batch.failed(r, e);
                continue;
            }
            TaskRunner.Run run = runner.prepare(task, deadline(taskTimeout(task, RunOptions.defaults())), null);
            runs.add(run);
            all.add(run.result().handle((items, failure) -> {
                synchronized (batch) {
                    if (failure != null) {
                        batch.failed(r, rethrow(failure));
                    } else {
                        try {
                            batch.succeeded(r, convertAll(items, r.resultType()));
                        } catch (RunwareException e) {
                            batch.failed(r, e);
                        }
                    }
                }
                return null;
            }));
        }
        runner.start(runs);
        requests.forEach(this.requests::prepareResultReader);
        return CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).thenApply(v -> batch.ordered(requests));
    }

    /**
     * Streams a text task over server-sent events ({@code deliveryMethod} is set to {@code stream}).
     * The listener sees each piece as it arrives; the future holds the whole answer.
     */
    public CompletableFuture<TextStreamResult> stream(TaskRequest<?> textRequest, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        TaskRunner.Task task;
        try {
            task = requests.prepare(textRequest, "stream");
        } catch (RunwareException e) {
            TextStreams.safeError(listener, e);
            return CompletableFuture.failedFuture(e);
        }
        return TextStreams.stream(sse, task, listener, deadline(timeout), () -> closed);
    }

    /**
     * The same stream as {@link #stream} as a {@link Flow.Publisher}. The task starts when the first
     * subscriber subscribes; a request can be streamed once, so a second subscriber is refused.
     * Back-pressure reaches the connection: reading pauses while the subscriber's buffer is full.
     */
    public Flow.Publisher<TextChunk> streamPublisher(TaskRequest<?> textRequest) {
        Objects.requireNonNull(textRequest, "textRequest");
        AtomicBoolean used = new AtomicBoolean();
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

    /**
     * Checks a request against its schema without sending it.
     *
     * @throws RunwareValidationException naming every failing parameter
     */
    public void validate(TaskRequest<?> request) {
        requests.validate(request);
    }

    // ---------------------------------------------------------------- untyped calls

    /**
     * Runs a task given as a JSON object (for models without generated classes); a missing
     * {@code taskUUID} is generated. It is validated like a typed request: against the schema the
     * generated classes on the class path have for its {@code model} (the model's own, else its
     * architecture's or task type's), so it fails with the same errors naming the same parameters.
     * Results come back as JSON values.
     */
    public List<JsonValue> runJson(JsonValue task) {
        return runJson(task, RunOptions.defaults());
    }

    /** Like {@link #runJson(JsonValue)} with options of its own. */
    public List<JsonValue> runJson(JsonValue task, RunOptions options) {
        return startJson(task, options).await();
    }

    /** A task as a map of plain Java values; otherwise like {@link #runJson(JsonValue)}. */
    public List<JsonValue> run(Map<String, ?> task) {
        return runJson(JsonValue.of(task));
    }

    /** Like {@link #runJson(JsonValue)} without blocking. */
    public CompletableFuture<List<JsonValue>> runJsonAsync(JsonValue task) {
        try {
            return startJson(task, RunOptions.defaults()).future();
        } catch (RunwareException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Starts a JSON task the way its model delivers; see {@link #start}. */
    public TaskHandle<JsonValue> startJson(JsonValue task, RunOptions options) {
        checkOpen();
        return launch(requests.prepareJson(task, null), options, JsonTrees::toValue);
    }

    /** Submits a JSON task with async delivery; see {@link #submit}. */
    public TaskHandle<JsonValue> submitJson(JsonValue task) {
        checkOpen();
        return launch(requests.prepareJson(task, "async"), RunOptions.defaults(), JsonTrees::toValue);
    }

    /** Streams a JSON text task; see {@link #stream}. */
    public CompletableFuture<TextStreamResult> streamJson(JsonValue task, StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        checkOpen();
        return TextStreams.stream(sse, requests.prepareJson(task, "stream"), listener, deadline(timeout), () -> closed);
    }

    /**
     * Checks a JSON task the way {@link #runJson} does, without sending it.
     *
     * @throws RunwareValidationException naming every failing parameter
     */
    public void validateJson(JsonValue task) {
        requests.prepareJson(task, null);
    }

    /**
     * Checks a JSON task against the schema in a classpath resource.
     *
     * @throws RunwareValidationException naming every failing parameter
     */
    public void validateJson(JsonValue task, String schemaResource) {
        requests.validate(task, schemaResource);
    }

    // ---------------------------------------------------------------- utilities

    /** Uploads an image file (deprecated {@code imageUpload} task); returns its UUID and URL. */
    public UploadedMedia imageUpload(Path file) {
        return imageUploadValue(Media.dataUri(file));
    }

    /** Uploads image bytes of the given MIME type, for example {@code image/png}. */
    public UploadedMedia imageUpload(byte[] bytes, String mimeType) {
        return imageUploadValue(Media.dataUri(bytes, mimeType));
    }

    /** Registers an image at a public URL. */
    public UploadedMedia imageUpload(URI url) {
        return imageUploadValue(url.toString());
    }

    private UploadedMedia imageUploadValue(String image) {
        ObjectNode task = utility("imageUpload");
        task.put("image", image);
        JsonNode item = first(runTree(task), "imageUpload");
        return new UploadedMedia(Envelope.text(item, "imageUUID"), Envelope.text(item, "imageURL"));
    }

    /** Stores a media file ({@code mediaStorage} upload); returns its UUID and URL. */
    public UploadedMedia mediaUpload(Path file) {
        return mediaUploadValue(Media.dataUri(file));
    }

    /** Stores media bytes of the given MIME type. */
    public UploadedMedia mediaUpload(byte[] bytes, String mimeType) {
        return mediaUploadValue(Media.dataUri(bytes, mimeType));
    }

    /** Stores media found at a public URL. */
    public UploadedMedia mediaUpload(URI url) {
        return mediaUploadValue(url.toString());
    }

    private UploadedMedia mediaUploadValue(String value) {
        ObjectNode task = utility("mediaStorage");
        task.put("operation", "upload");
        task.put("media", value);
        JsonNode item = first(runTree(task), "mediaStorage");
        return new UploadedMedia(Envelope.text(item, "mediaUUID"), Envelope.text(item, "mediaURL"));
    }

    /** Deletes stored media by UUID. */
    public void mediaDelete(String mediaUUID) {
        ObjectNode task = utility("mediaStorage");
        task.put("operation", "delete");
        task.put("media", mediaUUID);
        runTree(task);
    }

    /** One {@code getResponse} poll of a task: its items as the server has them now. */
    public List<JsonValue> getResponse(String taskUUID) {
        Objects.requireNonNull(taskUUID, "taskUUID");
        checkOpen();
        TaskReply reply = await(channel.send(List.of(TaskSpec.poll(taskUUID)), deadline(settings.requestTimeout())).get(0),
                settings.requestTimeout().plusSeconds(1));
        if (!reply.errors().isEmpty() && reply.items().isEmpty()) {
            throw Failures.fromErrors(reply.errors(), reply.httpStatus());
        }
        return JsonTrees.toValues(reply.items());
    }

    /** The archived request and response of a task ({@code getTaskDetails}). */
    public JsonValue getTaskDetails(String taskUUID) {
        ObjectNode task = Json.mapper().createObjectNode();
        task.put("taskType", "getTaskDetails");
        task.put("taskUUID", taskUUID);
        return JsonTrees.toValue(first(runTree(task), "getTaskDetails"));
    }

    /**
     * Downloads an output URL to a file, reporting progress. The file appears complete or not at all
     * (written beside it first, then moved). The API key is not sent; every redirect is checked.
     *
     * @return the number of bytes written
     */
    public long download(URI url, Path target, @Nullable DownloadListener listener) {
        checkOpen();
        return media.download(url, target, listener, timeout);
    }

    /**
     * Reads a webhook body (what Runware POSTs when a task finishes) into typed results, without
     * checking where it came from; {@link WebhookReceiver} checks that too.
     *
     * @throws RunwareException the task's error when the body carries one, or {@code malformedResponse}
     */
    public <R extends TaskResult> List<R> parseWebhook(String body, Class<R> resultType) {
        WebhookDelivery<R> delivery = WebhookReceiver.read(body, resultType);
        if (delivery.error() != null) {
            throw delivery.error();
        }
        return delivery.results();
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
        runner.close();
        channel.close();
        sse.close();
        scheduler.shutdownNow();
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
        key.close();
    }

    @Override
    public String toString() {
        return "RunwareClient{transport=" + transport + ", baseUrl=" + settings.baseUrl()
                + (transport == Transport.WEBSOCKET ? ", webSocketUrl=" + settings.webSocketUrl() : "")
                + ", apiKey=" + key + ", validation=" + validate + (settings.dryRun() ? ", dryRun" : "") + "}";
    }

    // ---------------------------------------------------------------- internals

    private Duration taskTimeout(TaskRunner.Task task, RunOptions options) {
        if (options.timeout() != null) {
            return options.timeout();
        }
        return task.async() ? polling.timeout() : timeout;
    }

    private <R> TaskHandle<R> launch(TaskRunner.Task task, RunOptions options, Function<JsonNode, R> convert) {
        Objects.requireNonNull(options, "options");
        Duration limit = taskTimeout(task, options);
        CompletableFuture<List<R>> results = new CompletableFuture<>();
        // Sized for the results the task expects: the default size allocates for 21 (most tasks have one).
        Map<JsonNode, R> converted = java.util.Collections.synchronizedMap(new IdentityHashMap<>(Math.max(1, task.expected())));
        TaskRunner.Run[] run = new TaskRunner.Run[1];
        TaskHandle<R> handle = new TaskHandle<>(task.uuid(), task.taskType(), results, () -> run[0].cancel(),
                limit.plusSeconds(5));
        run[0] = runner.prepare(task, deadline(limit), new TaskRunner.Hooks() {
            @Override
            public void item(JsonNode item) {
                R value;
                try {
                    value = convert.apply(item);
                } catch (RunwareException e) {
                    return;   // reported when the task completes
                }
                converted.put(item, value);
                handle.result(value);
            }

            @Override
            public void progress(Progress progress) {
                handle.progress(progress);
                if (options.onProgress() != null) {
                    options.onProgress().accept(progress);
                }
            }
        });
        run[0].result().whenComplete((items, failure) -> {
            if (failure != null) {
                results.completeExceptionally(rethrow(failure));
                return;
            }
            try {
                List<R> out = new ArrayList<>(items.size());
                for (JsonNode item : items) {
                    R value = converted.get(item);
                    out.add(value != null ? value : convert.apply(item));
                }
                results.complete(List.copyOf(out));
            } catch (RuntimeException e) {
                results.completeExceptionally(rethrow(e));
            }
        });
        results.whenComplete((r, t) -> {
            if (results.isCancelled()) {
                run[0].cancel();
            }
        });
        runner.start(List.of(run[0]));
        return handle;
    }

    /** Runs an untyped utility task and returns its items as trees. */
    private List<JsonNode> runTree(ObjectNode task) {
        checkOpen();
        return launch(Requests.utility(task), RunOptions.defaults(), item -> item).await();
    }

    /** One result item read into {@code type}; an item that does not fit is an unreadable answer. */
    static <R> R convert(JsonNode item, Class<R> type) {
        try {
            return Requests.resultReader(type).readValue(item);
        } catch (JacksonException | IllegalArgumentException e) {
            throw Failures.malformed("result item cannot be read as " + type.getSimpleName() + ": " + e.getMessage(), 0, null);
        }
    }

    private static <R> List<R> convertAll(List<JsonNode> items, Class<R> type) {
        List<R> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            out.add(convert(item, type));
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
        return Failures.wrap(cause);
    }

    /**
     * The executor of the HTTP client a client builds for itself. Over REST on the client's own pool, java.net.http's
     * own steps (writing a request, reading an answer's head and body into the capped body) run on the thread that
     * reaches them, the sending thread or the HTTP client's selector thread, instead of each waking a pool thread: a
     * pool thread waits in {@code send} for every answer, and everything after the answer, the caller's stages
     * included, runs there, so no caller code runs on the selector thread (docs/runtime.md has the figures). Over
     * WebSocket, and with a supplied executor, the HTTP client gets the client's executor: there its callbacks lead
     * to the caller's code.
     */
    static Executor httpExecutor(Transport transport, boolean ownPool, Executor executor) {
        return transport == Transport.REST && ownPool ? Runnable::run : executor;
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
        private ProxySelector proxy;
        private Executor executor;
        private boolean allowInsecureHttp;
        private boolean dryRun;
        private Duration authTimeout = Duration.ofSeconds(15);
        private Duration heartbeatInterval = Duration.ofSeconds(30);
        private Duration pongTimeout = Duration.ofSeconds(10);
        private int maxReconnectAttempts = 10;
        private Duration reconnectBaseDelay = Duration.ofSeconds(1);
        private Duration reconnectMaxDelay = Duration.ofSeconds(30);
        private String userAgentPrefix;

        private Builder() {
        }

        /** The API key; when never called, {@value RunwareClient#API_KEY_VARIABLE} is read at {@link #build()}. */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /** The REST endpoint, default {@value RunwareClient#DEFAULT_BASE_URL}. */
        public Builder baseUrl(String url) {
            return baseUrl(URI.create(url));
        }

        /** The REST endpoint, default {@value RunwareClient#DEFAULT_BASE_URL}. */
        public Builder baseUrl(URI url) {
            this.baseUrl = Objects.requireNonNull(url, "baseUrl");
            return this;
        }

        /** The WebSocket endpoint, default {@value RunwareClient#DEFAULT_WEBSOCKET_URL}. */
        public Builder webSocketUrl(String url) {
            return webSocketUrl(URI.create(url));
        }

        /** The WebSocket endpoint, default {@value RunwareClient#DEFAULT_WEBSOCKET_URL}. */
        public Builder webSocketUrl(URI url) {
            this.webSocketUrl = Objects.requireNonNull(url, "webSocketUrl");
            return this;
        }

        /** REST (default) or WebSocket. Streaming always uses REST. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** The longest single HTTP request, WebSocket answer or poll; default 5 minutes. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /**
         * The longest a sync task may take, recovery included; default 10 minutes. Async tasks have the
         * polling policy's timeout; {@link RunOptions#builder()} sets either for one call.
         */
        public Builder timeout(Duration d) {
            this.timeout = positive(d, "timeout");
            return this;
        }

        /** The longest wait for a TCP/TLS connection; default 30 seconds. Ignored with {@link #httpClient}. */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /**
         * The proxy for every connection (REST, WebSocket, downloads). Without it the JVM's default
         * {@link ProxySelector} applies, which follows {@code https.proxyHost}, {@code http.nonProxyHosts}
         * and friends. Ignored with {@link #httpClient}.
         */
        public Builder proxy(ProxySelector proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /** How requests are repeated when the server did not take them; default {@link RetryPolicy#DEFAULT}. */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "retryPolicy");
            return this;
        }

        /** The cadence and budget of {@code getResponse} polling; default {@link PollingPolicy#DEFAULT}. */
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

        /**
         * Runs callbacks and continuations; default: a cached daemon pool owned by the client, on whose threads
         * REST calls also wait for their answers (a supplied executor is never blocked that way). A supplied executor
         * also runs the steps of the HTTP client the client builds; with the default pool over REST those run on the
         * thread that reaches them (java.net.http's selector thread or the thread waiting for the answer), and the
         * caller's code never runs on the selector thread.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Permits plain http/ws to hosts other than loopback. Never do this with a real key. */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * Dry run: the server validates and prices every task ({@code X-Runware-Dry-Run: 1}, or
         * {@code dryRun=1} on the WebSocket URL) without running or charging it; default false.
         */
        public Builder dryRun(boolean enabled) {
            this.dryRun = enabled;
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

        /** Consecutive failed reconnects before waiting tasks fall back to asking by UUID; default 10. */
        public Builder maxReconnectAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxReconnectAttempts must be >= 0");
            }
            this.maxReconnectAttempts = attempts;
            return this;
        }

        /** Reconnect waits: {@code base * 2^(n-1)} up to {@code max}, plus up to 30 % jitter. */
        public Builder reconnectBackoff(Duration base, Duration max) {
            this.reconnectBaseDelay = Objects.requireNonNull(base, "base");
            this.reconnectMaxDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        /** Put in front of the User-Agent, for example {@code my-app/1.2}. */
        public Builder userAgentPrefix(@Nullable String prefix) {
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
            Secret secret = new Secret(key);
            try {
                return new RunwareClient(this, secret);
            } catch (RuntimeException e) {
                secret.close();
                throw e;
            }
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
