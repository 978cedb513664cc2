package dev.airgen.emulator;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.airgen.schema.snapshot.Snapshot;
import dev.airgen.schema.snapshot.SnapshotReader;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A local server that speaks the Runware protocol: REST and WebSocket on {@code /v1}, generated media
 * under {@code /media/}, and the schemas service under {@code /schemas/}. Each instance has its own
 * port, snapshot, jobs and {@link Faults}; all methods are thread-safe.
 *
 * <pre>{@code
 * try (RunwareEmulator emulator = RunwareEmulator.start()) {
 *     URI api = emulator.baseUrl(); // http://127.0.0.1:<port>/v1
 * }
 * }</pre>
 */
public final class RunwareEmulator implements AutoCloseable {

    /** How many tasks' start counts {@link #runs} remembers. */
    static final int MAX_COUNTED_RUNS = 100_000;

    private final Server server;
    private final ServerConnector connector;
    private final Faults faults;
    private final MediaStore media = new MediaStore();
    private final CommunityModels communityModels = new CommunityModels();
    private volatile TaskEngine engine;
    private volatile WsSessions sessions;
    private final Duration sessionBufferTime;
    /** Starts per task UUID, for the most recently started tasks only: a long-running emulator must not grow. */
    private final BoundedMap<String, java.util.concurrent.atomic.AtomicInteger> runs = new BoundedMap<>(MAX_COUNTED_RUNS);
    private final Set<String> apiKeys;
    private final long maxRequestBytes;
    private final int maxTasksPerRequest;
    private final Map<String, SnapshotIndex> releases = new LinkedHashMap<>();
    private final Map<WsConnection, Boolean> connections = new ConcurrentHashMap<>();
    private volatile SnapshotIndex index;
    private volatile SnapshotIndex latestRelease;
    private volatile Duration taskDuration;
    private final int port;
    private final String host;

    private RunwareEmulator(Builder b) {
        this.index = b.snapshot != null ? new SnapshotIndex(b.snapshot) : SnapshotIndex.bundled();
        publish(this.index);
        this.taskDuration = b.taskDuration;
        this.apiKeys = b.apiKeys == null ? null : Set.copyOf(b.apiKeys);
        this.maxRequestBytes = b.maxRequestBytes;
        this.maxTasksPerRequest = b.maxTasksPerRequest;
        this.faults = new Faults(() -> connections.keySet().forEach(WsConnection::halfOpen));
        this.engine = new TaskEngine(this, media);
        this.sessionBufferTime = b.sessionBufferTime;
        this.sessions = new WsSessions(b.sessionBufferTime);
        engine.scheduler().scheduleAtFixedRate(() -> sessions.expire(), 5, 5, TimeUnit.SECONDS);

        QueuedThreadPool pool = new QueuedThreadPool(64, 2);
        pool.setName("runware-emulator-http");
        pool.setDaemon(true);
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(b.host);
        connector.setPort(b.port);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> {
            container.setIdleTimeout(Duration.ofSeconds(120));
            container.setMaxTextMessageSize(maxRequestBytes);
            container.addMapping("/v1", (rq, rs, cb) -> new WsConnection(this, rq.getHttpURI().getQuery()));
        });
        ws.setHandler(new HttpHandler(this));
        server.setHandler(ws);
        try {
            server.start();
        } catch (Exception e) {
            engine.close();
            try {
                server.stop();
            } catch (Exception ignored) {
                // already failing
            }
            throw new IllegalStateException("cannot start the emulator on " + b.host + ":" + b.port + ": " + e.getMessage(), e);
        }
        this.port = connector.getLocalPort();
        this.host = b.host;
    }

    /** Starts an emulator on an ephemeral loopback port with the bundled snapshot. */
    public static RunwareEmulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** REST endpoint, e.g. {@code http://127.0.0.1:41234/v1}. */
    public URI baseUrl() {
        return URI.create("http://" + hostForUrl() + ":" + port + "/v1");
    }

    /** WebSocket endpoint, e.g. {@code ws://127.0.0.1:41234/v1}. */
    public URI webSocketUrl() {
        return URI.create("ws://" + hostForUrl() + ":" + port + "/v1");
    }

    /** Root of the schemas service: {@code registry.json}, {@code resolve/{air}}, {@code releases/...}. */
    public URI schemasUrl() {
        return URI.create("http://" + hostForUrl() + ":" + port + "/schemas");
    }

    public int port() {
        return port;
    }

    public Faults faults() {
        return faults;
    }

    /** The snapshot tasks are validated against (by default the one {@code airgen-model-schemas} bundles). */
    public Snapshot snapshot() {
        return index.snapshot();
    }

    SnapshotIndex index() {
        return index;
    }

    /** Validates tasks against {@code next} from now on and publishes it as the latest release. */
    public void replaceSnapshot(Snapshot next) {
        SnapshotIndex nextIndex = new SnapshotIndex(Objects.requireNonNull(next, "snapshot"));
        this.index = nextIndex;
        publish(nextIndex);
    }

    /**
     * Publishes {@code release} on the schemas service only (as {@code releases/<version>} and
     * {@code releases/latest}); validation keeps using {@link #snapshot()}.
     */
    public void publishSnapshot(Snapshot release) {
        publish(new SnapshotIndex(Objects.requireNonNull(release, "release")));
    }

    private void publish(SnapshotIndex release) {
        synchronized (releases) {
            releases.put(release.version(), release);
            latestRelease = release;
        }
    }

    /**
     * Tells the emulator that {@code air} is a model of {@code architecture} (a key of the snapshot's
     * {@code architectures}, or a name such as {@code flux1d}), as a {@code modelUpload} task does: tasks
     * naming it are then checked against that architecture's schema, and {@code /schemas/resolve} answers
     * with it. Civitai and {@code runware:} AIRs need no registration to be accepted; registering gives
     * them their architecture's checks.
     */
    public void registerModel(String air, String architecture) {
        Objects.requireNonNull(air, "air");
        if (!CommunityModels.isAir(air)) {
            throw new IllegalArgumentException("not an AIR (source:id@version): " + air);
        }
        communityModels.register(air, architecture);
    }

    /** How long an inference task takes from acceptance to its last result. */
    public Duration taskDuration() {
        return taskDuration;
    }

    public void taskDuration(Duration d) {
        Objects.requireNonNull(d, "duration");
        if (d.isNegative()) {
            throw new IllegalArgumentException("task duration must not be negative");
        }
        this.taskDuration = d;
    }

    /**
     * How often the task {@code taskUUID} was started (its work scheduled), over the life of this emulator,
     * restarts included. A task sent again with the same UUID and body joins the run it already has. Counts are
     * kept for the 100,000 most recently started tasks; an older one reads 0.
     */
    public int runs(String taskUUID) {
        java.util.concurrent.atomic.AtomicInteger n = runs.get(taskUUID);
        return n == null ? 0 : n.get();
    }

    /**
     * Where task {@code taskUUID} stands on this instance: {@code "success"} when every result is made,
     * {@code "error:<code>"} when it failed while running, {@code "processing"}, or null when this instance
     * has no running record of it (never accepted, refused by validation, or lost in a restart).
     */
    public String taskState(String taskUUID) {
        Job job = engine.job(taskUUID);
        if (job == null) {
            return null;
        }
        if (job.failure() != null) {
            return "error:" + job.failure().code();
        }
        return job.done.isDone() ? "success" : "processing";
    }

    /**
     * Stops serving and serves again on the same port, as a server restart would: every connection is cut
     * and WebSocket sessions are gone. With {@code keepTasks} the tasks survive (a server whose task store
     * outlives the process: running tasks finish and can be asked for by UUID); without, every task and
     * result is lost, and the running ones never finish.
     */
    public void restart(boolean keepTasks) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the emulator for a restart", e);
        }
        if (!keepTasks) {
            TaskEngine old = engine;
            engine = new TaskEngine(this, media);
            engine.scheduler().scheduleAtFixedRate(() -> sessions.expire(), 5, 5, TimeUnit.SECONDS);
            old.close();
        }
        sessions = new WsSessions(sessionBufferTime);
        connections.clear();
        connector.setPort(port);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot restart the emulator on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** Number of webhook POST attempts made so far (including retries). */
    public int webhookAttempts() {
        return engine.webhookPosts();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the emulator", e);
        } finally {
            engine.close();
        }
    }

    /** Blocks until the server stops; for the standalone launcher. */
    void join() throws InterruptedException {
        server.join();
    }

    // ---- package-private plumbing ----

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    String mediaBaseUrl() {
        return "http://" + hostForUrl() + ":" + port + "/media/";
    }

    MediaStore media() {
        return media;
    }

    CommunityModels communityModels() {
        return communityModels;
    }

    TaskEngine engine() {
        return engine;
    }

    WsSessions sessions() {
        return sessions;
    }

    /** Counts one start of a task's work. */
    void countRun(String taskUUID) {
        runs.computeIfAbsent(taskUUID, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    long maxRequestBytes() {
        return maxRequestBytes;
    }

    int maxTasksPerRequest() {
        return maxTasksPerRequest;
    }

    boolean acceptsKey(String key) {
        if (key == null || key.isBlank()) {
            return false;
        }
        return apiKeys == null || apiKeys.contains(key);
    }

    SnapshotIndex release(String version) {
        synchronized (releases) {
            return "latest".equals(version) ? latestRelease : releases.get(version);
        }
    }

    SnapshotIndex latestRelease() {
        return latestRelease;
    }

    void opened(WsConnection c) {
        connections.put(c, Boolean.TRUE);
    }

    void closed(WsConnection c) {
        connections.remove(c);
    }

    /** Settings for a new emulator. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private Snapshot snapshot;
        private Set<String> apiKeys;
        private Duration taskDuration = Duration.ofMillis(300);
        private Duration sessionBufferTime = Duration.ofSeconds(120);
        private long maxRequestBytes = 16L * 1024 * 1024;
        private int maxTasksPerRequest = 100;

        private Builder() {
        }

        /** Interface to bind; loopback by default. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** Port to bind; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        public Builder snapshot(Snapshot snapshot) {
            this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
            return this;
        }

        /**
         * A snapshot file or folder in any format schema-core's reader knows; the releases endpoints serve its
         * {@code schema-map.json} bundle, when it has one.
         */
        public Builder snapshot(Path path) {
            return snapshot(SnapshotReader.read(path));
        }

        /** Only these API keys are accepted; by default any non-blank key is. */
        public Builder apiKeys(String... keys) {
            this.apiKeys = Set.of(keys);
            return this;
        }

        public Builder taskDuration(Duration d) {
            Objects.requireNonNull(d, "duration");
            if (d.isNegative()) {
                throw new IllegalArgumentException("task duration must not be negative");
            }
            this.taskDuration = d;
            return this;
        }

        /** How long results wait for a disconnected WebSocket session to resume. */
        public Builder sessionBufferTime(Duration d) {
            this.sessionBufferTime = Objects.requireNonNull(d, "duration");
            return this;
        }

        /** Largest accepted request body or WebSocket message, in bytes (16 MiB by default). */
        public Builder maxRequestBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxRequestBytes must be at least 1024");
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /** Largest number of tasks in one request (100 by default). */
        public Builder maxTasksPerRequest(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxTasksPerRequest must be at least 1");
            }
            this.maxTasksPerRequest = n;
            return this;
        }

        public RunwareEmulator start() {
            return new RunwareEmulator(this);
        }
    }
}
