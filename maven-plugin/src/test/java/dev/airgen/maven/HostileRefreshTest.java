package dev.airgen.maven;

import static dev.airgen.maven.LoopbackServer.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile schemas server on loopback against {@code airgen:refresh}: oversized and endless bodies, drips,
 * silence, redirects elsewhere, and bundles the generator would refuse. Every refusal names the URL and the
 * place that failed, reads nothing outside the snapshot, and leaves the old snapshot byte for byte (and
 * modification time) as it was, with no file added anywhere.
 */
class HostileRefreshTest {

    private static final String LATEST = "/schemas/releases/latest/schema-map.json";
    private static final String SECRET = "TOPSECRET";

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();
    LoopbackServer server;
    Path folder;
    Path bundleFile;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        folder = dir.resolve("snapshot");
        Files.createDirectories(folder);
        bundleFile = folder.resolve("schema-map.json");
        Files.writeString(bundleFile, SnapshotRefresherTest.OLD);
        Files.writeString(folder.resolve("catalog.json"), "[]");
        Files.setLastModifiedTime(bundleFile, FileTime.fromMillis(1_000_000_000_000L));
        Files.writeString(dir.resolve("secret.json"), "{\"type\":\"string\",\"description\":\"" + SECRET + "\"}");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SnapshotRefresher refresher(long maxBytes, Duration deadline, Set<String> redirectOrigins) {
        return new SnapshotRefresher(server.url(), new SnapshotDownloader.Policy(maxBytes, Duration.ofSeconds(2), deadline, redirectOrigins),
                new RefreshProxy(java.util.List.of(), null), log::add, log::add);
    }

    private SnapshotRefresher refresher() {
        return refresher(SnapshotDownloader.Policy.DEFAULT_MAX_BYTES, Duration.ofSeconds(20), Set.of());
    }

    /** The old snapshot is byte for byte and timestamp as it was, and nothing was added in or beside it. */
    private void assertUntouched() throws IOException {
        assertThat(Files.readString(bundleFile)).isEqualTo(SnapshotRefresherTest.OLD);
        assertThat(Files.getLastModifiedTime(bundleFile)).isEqualTo(FileTime.fromMillis(1_000_000_000_000L));
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')))
                    .containsExactlyInAnyOrder("snapshot/schema-map.json", "snapshot/catalog.json", "secret.json");
        }
    }

    private String kept() {
        return "the snapshot at " + bundleFile + " was left unchanged";
    }

    // --- size --------------------------------------------------------------------------------------

    @Test
    void aDeclaredLengthAboveTheCapIsRefusedBeforeTheBodyIsRead() throws Exception {
        server.on(LATEST, (exchange, s) -> {
            exchange.sendResponseHeaders(200, 1L << 30);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    s.write(out, new byte[1 << 20]);
                }
            }
        });
        assertThatThrownBy(() -> refresher(1 << 20, Duration.ofSeconds(20), Set.of()).refreshRelease(folder, "latest", false))
                .isInstanceOf(SnapshotRefresher.RefreshException.class)
                .hasMessage("airgen: " + server.url() + "/releases/latest/schema-map.json declares a body of 1073741824 bytes "
                        + "(Content-Length); none of it was read; at most 1048576 bytes are accepted (maxDownloadSize); " + kept());
        assertUntouched();
    }

    @Test
    void anEndlessBodyIsCutOffAtTheCap() throws Exception {
        server.on(LATEST, (exchange, s) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (s.bytesSent() < (1L << 30)) {
                    s.write(out, new byte[16 * 1024]);
                }
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> refresher(256 * 1024, Duration.ofSeconds(20), Set.of()).refreshRelease(folder, "latest", false))
                .isInstanceOf(SnapshotRefresher.RefreshException.class)
                .hasMessage("airgen: " + server.url() + "/releases/latest/schema-map.json sent more than 262144 bytes and was "
                        + "stopped there; at most 262144 bytes are accepted (maxDownloadSize); " + kept());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        Thread.sleep(200);
        assertThat(server.bytesSent()).as("the server stopped once the client hung up").isLessThan(64L << 20);
        assertUntouched();
    }

    @Test
    void theDefaultCapIsFarAboveRunwaresBundle() throws IOException {
        try (InputStream bundled = getClass().getClassLoader().getResourceAsStream("airgen/snapshot/schema-map.json")) {
            assertThat(bundled).isNotNull();
            long size = bundled.readAllBytes().length;
            assertThat(SnapshotDownloader.Policy.DEFAULT_MAX_BYTES).isGreaterThan(10 * size);
        }
        assertThat(RefreshMojo.parseSize("64M")).isEqualTo(SnapshotDownloader.Policy.DEFAULT_MAX_BYTES);
        assertThat(RefreshMojo.parseSize("512k")).isEqualTo(512 * 1024);
        assertThat(RefreshMojo.parseSize("1G")).isEqualTo(1L << 30);
        assertThat(RefreshMojo.parseSize("1000")).isEqualTo(1000);
        assertThatThrownBy(() -> RefreshMojo.parseSize("-1M")).hasMessageContaining("maxDownloadSize must be a positive size");
        assertThatThrownBy(() -> RefreshMojo.parseSize("lots")).hasMessageContaining("'lots'");
    }

    // --- time --------------------------------------------------------------------------------------

    @Test
    void theDeadlineCoversEveryByteOfTheBody() throws Exception {
        server.on(LATEST, (exchange, s) -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                s.write(out, utf8("{\"version\":\"9\",\"inference\":["));
                for (int i = 0; i < 1000; i++) {
                    Thread.sleep(300);
                    s.write(out, utf8(" "));
                }
            }
        });
        long start = System.nanoTime();
        assertThatThrownBy(() -> refresher(1 << 20, Duration.ofSeconds(2), Set.of()).refreshRelease(folder, "latest", false))
                .isInstanceOf(SnapshotRefresher.RefreshException.class)
                .hasMessage("airgen: the download of " + server.url() + "/releases/latest/schema-map.json did not finish within 2 s "
                        + "(the deadline covers the whole body); " + kept());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
        assertUntouched();
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpAtTheDeadline() throws Exception {
        server.on(LATEST, (exchange, s) -> Thread.sleep(60_000));
        long start = System.nanoTime();
        assertThatThrownBy(() -> refresher(1 << 20, Duration.ofSeconds(2), Set.of()).refreshRelease(folder, "latest", false))
                .isInstanceOf(SnapshotRefresher.RefreshException.class)
                .hasMessageStartingWith("airgen: the download of " + server.url() + "/releases/latest/schema-map.json did not finish within 2 s")
                .hasMessageEndingWith(kept());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertUntouched();
    }

    // --- redirects -----------------------------------------------------------------------------------

    @Test
    void aRedirectToAnotherOriginIsRefusedAndNeverFetched() throws Exception {
        try (LoopbackServer other = new LoopbackServer()) {
            other.json(LATEST, utf8(SnapshotRefresherTest.NEW));
            server.redirect(LATEST, 302, other.url() + "/releases/latest/schema-map.json");
            assertThatThrownBy(() -> refresher().refreshRelease(folder, "latest", false))
                    .isInstanceOf(SnapshotRefresher.RefreshException.class)
                    .hasMessage("airgen: " + server.url() + "/releases/latest/schema-map.json redirects (HTTP 302) to " + other.url()
                            + "/releases/latest/schema-map.json, another origin than " + server.origin() + "; not followed (allow it with "
                            + "<redirectOrigins><redirectOrigin>" + other.origin() + "</redirectOrigin></redirectOrigins>); " + kept());
            assertThat(other.requests(LATEST)).isZero();
        }
        assertUntouched();
    }

    @Test
    void redirectsWithinTheOriginOrToAnAllowedOneAreFollowedAndLogged() throws Exception {
        server.redirect(LATEST, 302, "/schemas/releases/20260722152433/schema-map.json");
        try (LoopbackServer other = new LoopbackServer()) {
            server.redirect("/schemas/releases/20260722152433/schema-map.json", 307, other.url() + "/bundle.json");
            other.json("/schemas/bundle.json", utf8(SnapshotRefresherTest.NEW));

            refresher(SnapshotDownloader.Policy.DEFAULT_MAX_BYTES, Duration.ofSeconds(20), Set.of(other.origin())).refreshRelease(folder, "latest", false);

            assertThat(log).contains(
                    "airgen: " + server.url() + "/releases/latest/schema-map.json redirects (HTTP 302) to " + server.url()
                            + "/releases/20260722152433/schema-map.json; following",
                    "airgen: " + server.url() + "/releases/20260722152433/schema-map.json redirects (HTTP 307) to " + other.url()
                            + "/bundle.json; following (an allowed origin)");
        }
        assertThat(Files.readString(bundleFile)).isEqualTo(SnapshotRefresherTest.NEW);
    }

    @Test
    void redirectLoopsStop() throws Exception {
        server.redirect(LATEST, 301, LATEST);
        assertThatThrownBy(() -> refresher().refreshRelease(folder, "latest", false))
                .hasMessage("airgen: " + server.url() + "/releases/latest/schema-map.json redirects more than 5 times (last to "
                        + server.url() + "/releases/latest/schema-map.json); " + kept());
        assertThat(server.requests(LATEST)).isEqualTo(6);
        assertUntouched();
    }

    // --- content the generator refuses ---------------------------------------------------------------

    /** A bundle with one model whose request schema has {@code extra} (JSON members, single quotes allowed) added. */
    private static String bundleWith(String extra, String properties) {
        return SnapshotRefresherTest.bundle("20260801000000", """
                {'air': 'acme:evil@1', 'requestSchema': {'type': 'object', %s 'properties': {
                   'taskType': {'type': 'string', 'const': 'imageInference'}, 'model': {'type': 'string', 'const': 'acme:evil@1'}%s}}}"""
                .formatted(extra, properties));
    }

    @Test
    void bundlesTheGeneratorWouldRefuseNeverReplaceTheSnapshot() throws Exception {
        String encodedSecret = dir.resolve("secret.json").toAbsolutePath().toString().replace('\\', '/').replace("/", "%2F");
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("a $ref cycle", new String[] {bundleWith("'$defs': {'x': {'allOf': [{'$ref': '#/$defs/x'}]}},", ", 'a': {'$ref': '#/$defs/x'}"),
                "$ref/allOf cycle: this schema includes itself"});
        cases.put("a $ref up and out", new String[] {bundleWith("", ", 'a': {'$ref': '../secret.json'}"),
                "/properties/a/$ref: $ref '../secret.json' refers to '../secret.json', which leaves the snapshot folder"});
        cases.put("a $ref to an absolute path", new String[] {bundleWith("", ", 'a': {'$ref': '" + encodedSecret + "'}"),
                "/properties/a/$ref: $ref '" + encodedSecret + "' refers to '"});
        cases.put("a duplicate key", new String[] {bundleWith("", ", 'a': {'type': 'string', 'type': 'integer'}"),
                "/properties/a/type: not valid JSON at line"});
        cases.put("a broken pattern", new String[] {bundleWith("", ", 'a': {'type': 'string', 'pattern': '(['}"),
                "/properties/a/pattern: '([' is not a valid regular expression"});
        cases.put("a huge enumeration", new String[] {bundleWith("", ", 'a': {'enum': [" + java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(Integer::toString).collect(java.util.stream.Collectors.joining(", ")) + "]}"),
                "/properties/a/enum: the enumeration has 10000 values"});
        cases.put("a huge description", new String[] {bundleWith("", ", 'a': {'type': 'string', 'description': '" + "d".repeat(100_000) + "'}"),
                "/properties/a/description: the description is 100000 characters long"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            server.json(LATEST, utf8(c.getValue()[0]));
            assertThatThrownBy(() -> refresher().refreshRelease(folder, "latest", false)).as(c.getKey())
                    .isInstanceOf(SnapshotRefresher.RefreshException.class)
                    .hasMessageStartingWith("airgen: the download from " + server.url() + "/releases/latest/schema-map.json is not usable: "
                            + "schema-map.json#/inference/0/requestSchema")
                    .hasMessageContaining(c.getValue()[1])
                    .hasMessageEndingWith(kept())
                    .hasMessageNotContaining(SECRET);
            assertUntouched();
        }
    }

    @Test
    void resolvedDocumentsAreCheckedTheSameWay() throws Exception {
        server.json("/schemas/resolve/acme%3Aevil%401", utf8(("{'requestSchema': {'type': 'object', 'properties': {"
                + "'taskType': {'const': 'imageInference'}, 'model': {'const': 'acme:evil@1'}, 'a': {'$ref': '../secret.json'}}}}").replace('\'', '"')));
        assertThatThrownBy(() -> refresher().refreshModels(folder, List.of("acme:evil@1"), false))
                .hasMessageStartingWith("airgen: the download from " + server.url() + "/resolve/ is not usable: "
                        + "acme%3Aevil%401.json#/requestSchema/properties/a/$ref: $ref '../secret.json' refers to '../secret.json', "
                        + "which leaves the snapshot folder")
                .hasMessageEndingWith("the snapshot at " + folder + " was left unchanged")
                .hasMessageNotContaining(SECRET);
        assertUntouched();
    }

    @Test
    void injectionPayloadsArriveAsDataTheGeneratorEscapes() throws Exception {
        String payload = "\\\\u002a/ static Object X=System.setProperty(Character.toString(88),Character.toString(89)); /*";
        String hostile = bundleWith("", ", 'a': {'enum': ['" + payload + "', 'plain'], 'default': '" + payload + "', 'examples': ['"
                + payload + "'], 'description': '" + payload + "'}");
        server.json(LATEST, utf8(hostile));

        refresher().refreshRelease(folder, "latest", false);

        assertThat(Files.readString(bundleFile)).isEqualTo(hostile);
        // Generated as data: the value is a string literal, and no comment holds a backslash javac could expand.
        String sources = new StringBuilder().append(new Generator().generate(GeneratorConfig.of(folder, "x.y")).sources().stream()
                .map(f -> f.text()).reduce("", String::concat)).toString();
        assertThat(sources).contains("(\"\\\\u002a/ static Object X=System.setProperty(Character.toString(88),Character.toString(89)); /*\", true)")
                .doesNotContain("*/ static Object X");
        for (String line : sources.split("\n")) {
            if (line.trim().startsWith("*") || line.trim().startsWith("/**") || line.trim().startsWith("//")) {
                assertThat(line).as("comment line").doesNotContain("\\u");
            }
        }
    }
}
