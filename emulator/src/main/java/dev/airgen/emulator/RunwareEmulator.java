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

    private final Server server;
    private final Faults faults;
    private final MediaStore media = new MediaStore();
    private final CommunityModels communityModels = new CommunityModels();
    private final TaskEngine engine;
    private final WsSessions sessions;
    private final Set<String> apiKeys;
    private final long maxRequestBytes;
    private final int maxTasksPerRequest;
    private final Map<String, Snapshot> releases = new LinkedHashMap<>();
    private final Map<WsConnection, Boolean> connections = new ConcurrentHashMap<>();
    private volatile Snapshot snapshot;
    private volatile Snapshot latestRelease;
    private volatile Duration taskDuration;
    private final int port;
    private final String host;

    private RunwareEmulator(Builder b) {
        this.snapshot = b.snapshot != null ? b.snapshot : Snapshot.bundled();
        publishSnapshot(this.snapshot);
        this.taskDuration = b.taskDuration;
        this.apiKeys = b.apiKeys == null ? null : Set.copyOf(b.apiKeys);
        this.maxRequestBytes = b.maxRequestBytes;
        this.maxTasksPerRequest = b.maxTasksPerRequest;
        this.faults = new Faults(() -> connections.keySet().forEach(WsConnection::halfOpen));
        this.engine = new TaskEngine(this, media);
        this.sessions = new WsSessions(b.sessionBufferTime);
        engine.scheduler().scheduleAtFixedRate(sessions::expire, 5, 5, TimeUnit.SECONDS);

        QueuedThreadPool pool = new QueuedThreadPool(64, 2);
        pool.setName("runware-emulator-http");
        pool.setDaemon(true);
        this.server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
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

    /** The snapshot tasks are validated against. */
    public Snapshot snapshot() {
        return snapshot;
    }

    /** Validates tasks against {@code next} from now on and publishes it as the latest release. */
    public void replaceSnapshot(Snapshot next) {
        this.snapshot = Objects.requireNonNull(next, "snapshot");
        publishSnapshot(next);
    }

    /**
     * Publishes {@code release} on the schemas service only (as {@code releases/<version>} and
     * {@code releases/latest}); validation keeps using {@link #snapshot()}.
     */
    public void publishSnapshot(Snapshot release) {
        Objects.requireNonNull(release, "release");
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

    Snapshot release(String version) {
        synchronized (releases) {
            return "latest".equals(version) ? latestRelease : releases.get(version);
        }
    }

    Snapshot latestRelease() {
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

        /** A {@code schema-map.json} file or a folder holding one (and optionally {@code catalog.json}). */
        public Builder snapshot(Path path) {
            return snapshot(Snapshot.load(path));
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
