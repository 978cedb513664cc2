package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageRequest;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Networks people have: a proxy (explicit or the JVM's), servers that are not there, slow answers. */
@Timeout(60)
class NetworkTest {

    private static RunwareEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = EmulatorSupport.start(Duration.ofMillis(30));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anExplicitProxySeesTheTraffic(Transport transport) throws Exception {
        try (LoopbackProxy proxy = new LoopbackProxy();
             RunwareClient client = EmulatorSupport.client(emulator, transport)
                     .proxy(ProxySelector.of(proxy.address())).build()) {
            assertThat(client.run(ImageRequest.of("through the proxy"))).hasSize(1);
            String port = ":" + emulator.port();
            assertThat(proxy.requestLines()).as("requests the proxy handled").isNotEmpty()
                    .allSatisfy(line -> assertThat(line).contains("127.0.0.1" + port));
        }
    }

    @Test
    void theJvmsProxySettingsAreHonouredByDefault() throws Exception {
        String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        try (LoopbackProxy proxy = new LoopbackProxy()) {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", Integer.toString(proxy.address().getPort()));
            System.setProperty("http.nonProxyHosts", "nothing.invalid");
            // The JDK never proxies loopback addresses, so the client names a host only the proxy can reach.
            try (RunwareClient client = EmulatorSupport.client(emulator, Transport.REST).allowInsecureHttp(true)
                    .baseUrl("http://runware.proxied.test:" + emulator.port() + "/v1").build()) {
                assertThat(client.run(ImageRequest.of("through the JVM's proxy"))).hasSize(1);
            }
            assertThat(proxy.requestLines()).anySatisfy(line -> assertThat(line).startsWith("POST http://runware.proxied.test:"));
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aServerThatIsNotThereIsNamedWithTheCause(Transport transport) throws Exception {
        int port;
        try (ServerSocket unused = new ServerSocket(0)) {
            port = unused.getLocalPort();
        }
        try (RunwareClient client = RunwareClient.builder().apiKey(EmulatorSupport.KEY).transport(transport)
                .baseUrl("http://127.0.0.1:" + port + "/v1").webSocketUrl("ws://127.0.0.1:" + port + "/v1")
                .retryPolicy(new RetryPolicy(1, Duration.ofMillis(10), Duration.ofMillis(20), 0))
                .reconnectBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).maxReconnectAttempts(1).build()) {
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("anyone")));
            assertThat(e.category()).isEqualTo(ErrorCategory.CONNECTION);
            assertThat(e.code()).isEqualTo("connectFailed");
            assertThat(e.getMessage()).contains("127.0.0.1:" + port).containsIgnoringCase("connect");
            assertThat(e.getMessage()).doesNotContain("null");
        }
    }

    @Test
    void aPerCallTimeoutEndsTheCallAndSaysWhereTheTaskStood() {
        emulator.taskDuration(Duration.ofSeconds(5));
        try (RunwareClient client = EmulatorSupport.client(emulator, Transport.REST).build()) {
            long start = System.nanoTime();
            RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.run(ImageRequest.of("slow"),
                    RunOptions.builder().timeout(Duration.ofMillis(600)).build()));
            assertThat(e.category()).isEqualTo(ErrorCategory.TIMEOUT);
            assertThat(e.taskUUID()).isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        } finally {
            emulator.taskDuration(Duration.ofMillis(30));
        }
    }
}
