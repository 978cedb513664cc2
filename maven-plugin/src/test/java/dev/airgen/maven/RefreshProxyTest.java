package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.maven.it.CutShortServer;
import dev.airgen.maven.it.LoopbackProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Refresh on networks behind a proxy: Maven's settings.xml proxies first, then the JVM's proxy properties. */
class RefreshProxyTest extends RefreshTestBase {

    private static final String BASIC_USER_SECRET = "Basic dXNlcjpzZWNyZXQ=";

    @BeforeAll
    static void publish() {
        emulator.publishSnapshot(release(SnapshotRefresherTest.NEW));
    }

    private static RefreshProxy.Entry entry(String id, String protocol, int port, String nonProxyHosts) {
        return new RefreshProxy.Entry(id, protocol, "127.0.0.1", port, "user", "secret", nonProxyHosts);
    }

    private static String selected(RefreshProxy proxy, String url) {
        Proxy chosen = proxy.select(URI.create(url)).get(0);
        return chosen.type() == Proxy.Type.DIRECT ? "direct" : ((InetSocketAddress) chosen.address()).getPort() + "";
    }

    /** A JVM selector stand-in that sends everything to port 9. */
    private static final ProxySelector JVM = new ProxySelector() {
        @Override
        public List<Proxy> select(URI uri) {
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("jvm.proxy", 9)));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        }
    };

    @Test
    void settingsProxiesAreChosenAsMavenChoosesThem() {
        RefreshProxy proxy = new RefreshProxy(List.of(entry("plain", "http", 1, "*.internal|LocalHost"), entry("tls", "https", 2, null)), JVM);
        assertThat(selected(proxy, "http://schemas.runware.ai/x")).isEqualTo("1");
        assertThat(selected(proxy, "https://schemas.runware.ai/x")).isEqualTo("2");
        // A host the proxy of its scheme excludes goes direct, not to the JVM's proxy.
        assertThat(selected(proxy, "http://repo.corp.internal/x")).isEqualTo("direct");
        assertThat(selected(proxy, "http://localhost:8080/x")).isEqualTo("direct");

        // An http proxy serves https too when there is no https proxy; nonProxyHosts still apply.
        RefreshProxy httpOnly = new RefreshProxy(List.of(entry("plain", "http", 1, "schemas.*")), JVM);
        assertThat(selected(httpOnly, "https://cdn.runware.ai/x")).isEqualTo("1");
        assertThat(selected(httpOnly, "https://schemas.runware.ai/x")).isEqualTo("direct");

        // Without a proxy for the scheme in settings.xml, the JVM's selector decides.
        assertThat(selected(new RefreshProxy(List.of(entry("tls", "https", 2, null)), JVM), "http://schemas.runware.ai/x")).isEqualTo("9");
        assertThat(selected(new RefreshProxy(List.of(), JVM), "https://schemas.runware.ai/x")).isEqualTo("9");
        assertThat(new RefreshProxy(List.of(), JVM).via(URI.create("https://schemas.runware.ai/x"))).isEqualTo("jvm.proxy:9 (the JVM's proxy settings)");
    }

    @Test
    void credentialsGoOnlyToTheSettingsProxyAndNeverIntoText() {
        RefreshProxy proxy = new RefreshProxy(List.of(entry("corp", "http", 3128, "direct.example")), null);
        URI proxied = URI.create("http://schemas.example/x");
        assertThat(proxy.authorize(HttpRequest.newBuilder(proxied), proxied).build().headers().firstValue("Proxy-Authorization"))
                .contains(BASIC_USER_SECRET);
        URI direct = URI.create("http://direct.example/x");
        assertThat(proxy.authorize(HttpRequest.newBuilder(direct), direct).build().headers().firstValue("Proxy-Authorization")).isEmpty();
        assertThat(proxy.via(proxied)).isEqualTo("127.0.0.1:3128 (settings.xml proxy 'corp', user user)").doesNotContain("secret");
        assertThat(proxy.via(direct)).isNull();
    }

    private Path folder() throws IOException {
        Path folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("schema-map.json"), SnapshotRefresherTest.OLD);
        return folder;
    }

    @Test
    void aSettingsProxyWithCredentialsCarriesTheDownload() throws Exception {
        Path folder = folder();
        try (LoopbackProxy server = new LoopbackProxy("user", "secret")) {
            RefreshProxy proxy = new RefreshProxy(List.of(entry("corp", "http", server.port(), null)), null);
            refresher(emulator.schemasUrl().toString(), proxy).refreshRelease(folder, "latest", false);

            assertThat(Files.readString(folder.resolve("schema-map.json"))).isEqualTo(SnapshotRefresherTest.NEW);
            assertThat(server.seen()).singleElement().satisfies(seen -> {
                assertThat(seen.line()).isEqualTo("GET " + emulator.schemasUrl() + "/releases/latest/schema-map.json HTTP/1.1");
                assertThat(seen.header("Proxy-Authorization")).isEqualTo(BASIC_USER_SECRET);
            });
        }
    }

    @Test
    void httpsGoesThroughATunnelAndARefusalNamesProxyHostAndCause() throws Exception {
        Path folder = folder();
        try (LoopbackProxy server = new LoopbackProxy()) {
            RefreshProxy proxy = new RefreshProxy(List.of(new RefreshProxy.Entry("corp", "http", "127.0.0.1", server.port(), null, null, null)), null);
            assertThatThrownBy(() -> refresher("https://schemas.example.invalid", proxy).refreshRelease(folder, "latest", false))
                    .isInstanceOf(SnapshotRefresher.RefreshException.class)
                    .hasMessage("airgen: the download of https://schemas.example.invalid/releases/latest/schema-map.json through proxy 127.0.0.1:"
                            + server.port() + " (settings.xml proxy 'corp') failed: Tunnel failed, got: 403; the snapshot at "
                            + folder.resolve("schema-map.json") + " was left unchanged");
            assertThat(server.seen()).extracting(LoopbackProxy.Seen::line).containsExactly("CONNECT schemas.example.invalid:443 HTTP/1.1");
        }
        // With credentials, the JDK keeps Basic out of the tunnel request unless told otherwise; the error says how.
        try (LoopbackProxy server = new LoopbackProxy("user", "secret")) {
            RefreshProxy proxy = new RefreshProxy(List.of(entry("corp", "http", server.port(), null)), null);
            assertThatThrownBy(() -> refresher("https://schemas.example.invalid", proxy).refreshRelease(folder, "latest", false))
                    .hasMessageStartingWith("airgen: the proxy 127.0.0.1:" + server.port() + " (settings.xml proxy 'corp', user user) answered "
                            + "HTTP 407 (proxy authentication required) for https://schemas.example.invalid/releases/latest/schema-map.json: "
                            + "the JDK sends Basic credentials to a proxy that tunnels https only when the JVM runs with "
                            + "-Djdk.http.auth.tunneling.disabledSchemes= (in MAVEN_OPTS or .mvn/jvm.config)")
                    .hasMessageNotContaining("secret");
            assertThat(server.seen()).extracting(LoopbackProxy.Seen::line).containsExactly("CONNECT schemas.example.invalid:443 HTTP/1.1");
        }
        assertThat(Files.readString(folder.resolve("schema-map.json"))).isEqualTo(SnapshotRefresherTest.OLD);
    }

    @Test
    void wrongCredentialsAndAnUnreachableProxyAreNamed() throws Exception {
        Path folder = folder();
        try (LoopbackProxy server = new LoopbackProxy("user", "other")) {
            RefreshProxy proxy = new RefreshProxy(List.of(entry("corp", "http", server.port(), null)), null);
            assertThatThrownBy(() -> refresher(emulator.schemasUrl().toString(), proxy).refreshRelease(folder, "latest", false))
                    .hasMessageStartingWith("airgen: the proxy 127.0.0.1:" + server.port() + " (settings.xml proxy 'corp', user user) answered HTTP 407 "
                            + "(proxy authentication required) for " + emulator.schemasUrl() + "/releases/latest/schema-map.json: check the "
                            + "proxy's username and password in settings.xml; ")
                    .hasMessageNotContaining("secret");
        }
        int closed = CutShortServer.closedPort();
        RefreshProxy nowhere = new RefreshProxy(List.of(entry("corp", "http", closed, null)), null);
        assertThatThrownBy(() -> refresher(emulator.schemasUrl().toString(), nowhere).refreshRelease(folder, "latest", false))
                .hasMessageStartingWith("airgen: cannot connect to proxy 127.0.0.1:" + closed + " (settings.xml proxy 'corp', user user) ("
                        + "connection refused) for " + emulator.schemasUrl() + "/releases/latest/schema-map.json; ");
        assertThat(Files.readString(folder.resolve("schema-map.json"))).isEqualTo(SnapshotRefresherTest.OLD);
    }

    @Test
    void withoutSettingsProxiesTheJvmProxyPropertiesApply() throws Exception {
        Path folder = folder();
        String[] keys = {"http.proxyHost", "http.proxyPort", "http.nonProxyHosts"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        try (LoopbackProxy server = new LoopbackProxy()) {
            System.setProperty("http.proxyHost", "127.0.0.1");
            System.setProperty("http.proxyPort", String.valueOf(server.port()));
            // The JVM leaves loopback hosts out unless this is set, and set to nothing.
            System.setProperty("http.nonProxyHosts", "");
            refresher(emulator.schemasUrl().toString(), RefreshProxy.jvm()).refreshRelease(folder, "latest", false);

            assertThat(server.seen()).extracting(LoopbackProxy.Seen::line)
                    .containsExactly("GET " + emulator.schemasUrl() + "/releases/latest/schema-map.json HTTP/1.1");
            assertThat(Files.readString(folder.resolve("schema-map.json"))).isEqualTo(SnapshotRefresherTest.NEW);
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
}
