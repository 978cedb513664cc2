package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.types.Json;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * REST over TLS, as the production endpoint serves it: HTTP/2 when the server offers it through ALPN, HTTP/1.1
 * otherwise. The client's own HTTP client runs java.net.http's steps (the TLS engine's among them) on the thread that
 * reaches them; every task must still complete, many at a time, with the caller's stages on the client's threads.
 */
class TlsTransportTest {

    private static final String PASSWORD = "test-only-store";

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static SSLContext previousDefault;

    @BeforeAll
    static void certificate() throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        assumeTrue(Files.isExecutable(keytool), "the JDK's keytool makes the test's certificate");
        keyStore = dir.resolve("localhost.p12");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "localhost", "-keyalg", "RSA",
                "-keysize", "2048", "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD,
                "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2")
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        previousDefault = SSLContext.getDefault();
        // A client builds its HTTP client with the default context; this one trusts the test's certificate.
        SSLContext.setDefault(context);
    }

    @AfterAll
    static void restore() {
        if (previousDefault != null) {
            SSLContext.setDefault(previousDefault);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "http/1.1"})
    void tasksCompleteOverTls(String protocol) throws Exception {
        ConcurrentHashMap<String, Integer> versions = new ConcurrentHashMap<>();
        Server server = server(protocol.equals("h2"), versions);
        server.start();
        try (RunwareClient client = RunwareClient.builder().apiKey(RestClientTest.KEY)
                .baseUrl("https://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/v1")
                .requestTimeout(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(30)).retryPolicy(RetryPolicy.NONE)
                .build()) {
            assertThat(client.run(ImageRequest.of("first"))).singleElement()
                    .satisfies(r -> assertThat(r.imageUUID()).isEqualTo("img-1"));
            Semaphore slots = new Semaphore(16);
            List<CompletableFuture<String>> stages = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                slots.acquire();
                CompletableFuture<String> stage = client.runAsync(ImageRequest.of("task " + i))
                        .thenApply(results -> {
                            assertThat(results).hasSize(1);
                            return Thread.currentThread().getName();
                        });
                stage.whenComplete((name, failure) -> slots.release());
                stages.add(stage);
            }
            // A stage attached after its answer runs on the attaching thread; every other on a thread of the client's.
            String caller = Thread.currentThread().getName();
            for (CompletableFuture<String> stage : stages) {
                assertThat(stage.get(30, TimeUnit.SECONDS)).satisfiesAnyOf(
                        name -> assertThat(name).startsWith("airgen-runtime-"), name -> assertThat(name).isEqualTo(caller));
            }
        } finally {
            server.stop();
        }
        assertThat(versions).containsOnlyKeys(protocol.equals("h2") ? "HTTP/2.0" : "HTTP/1.1");
        assertThat(versions.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(301);
    }

    /** An HTTPS server answering every task with one image, counting the HTTP versions it was spoken to in. */
    private static Server server(boolean http2, ConcurrentHashMap<String, Integer> versions) {
        Server server = new Server();
        HttpConfiguration config = new HttpConfiguration();
        config.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        ServerConnector connector;
        if (http2) {
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
            alpn.setDefaultProtocol(http11.getProtocol());
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(config), http11);
        } else {
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, http11.getProtocol()), http11);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                versions.merge(request.getConnectionMetaData().getHttpVersion().asString(), 1, Integer::sum);
                JsonNode task = Json.mapper().readTree(Content.Source.asString(request, StandardCharsets.UTF_8)).get(0);
                String answer = "{\"data\":[" + RestClientTest.image(task.get("taskUUID").asString(), 1) + "]}";
                response.getHeaders().put("Content-Type", "application/json");
                response.write(true, ByteBuffer.wrap(answer.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        return server;
    }
}
