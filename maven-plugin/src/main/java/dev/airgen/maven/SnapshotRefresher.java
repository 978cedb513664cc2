package dev.airgen.maven;

import dev.airgen.generator.SchemaException;
import dev.airgen.generator.source.BundledSnapshot;
import dev.airgen.generator.source.SnapshotReader;
import dev.airgen.maven.diff.ChangeReport;
import dev.airgen.maven.diff.ModelSchemas;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pulls a snapshot from a Runware schemas service into a local file or folder.
 *
 * <p>Everything is downloaded and checked before anything is replaced: new content goes to temporary
 * files beside the targets (named {@code *.tmp}, so a snapshot reader never picks them up), then each is
 * moved over its target. Any failure before that point leaves the old snapshot byte for byte as it was.
 */
final class SnapshotRefresher {

    /** A refresh that did not happen; the message says what failed and where, the old snapshot is intact. */
    static final class RefreshException extends Exception {
        private static final long serialVersionUID = 1L;

        RefreshException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Refused because of breaking changes; nothing was written. */
    static final class BreakingChangesException extends Exception {
        private static final long serialVersionUID = 1L;

        BreakingChangesException(String message) {
            super(message);
        }
    }

    /** What a refresh did: the report, and the files it replaced or created (empty when nothing changed). */
    record Outcome(ChangeReport report, List<Path> written) {
    }

    static final String BUNDLE_FILE = "schema-map.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String schemasUrl;
    private final RefreshProxy proxy;
    private final HttpClient client;
    private final Duration timeout;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    /**
     * {@code log} takes progress and the report, {@code warn} the report's breaking changes; every download
     * goes through {@code proxy}'s choice.
     */
    SnapshotRefresher(String schemasUrl, Duration connectTimeout, Duration timeout, RefreshProxy proxy, Consumer<String> log,
                      Consumer<String> warn) {
        this.schemasUrl = schemasUrl.endsWith("/") ? schemasUrl.substring(0, schemasUrl.length() - 1) : schemasUrl;
        this.proxy = proxy;
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NORMAL)
                .proxy(proxy).build();
        this.timeout = timeout;
        this.log = log;
        this.warn = warn;
    }

    /** Where a bundle goes: the file itself, or {@code schema-map.json} inside a folder. */
    static Path bundleFile(Path snapshot) {
        return Files.isDirectory(snapshot) || !snapshot.getFileName().toString().endsWith(".json")
                ? snapshot.resolve(BUNDLE_FILE) : snapshot;
    }

    /** Replaces the bundle at {@code snapshot} with release {@code release} ({@code latest} or a version). */
    Outcome refreshRelease(Path snapshot, String release, boolean failOnBreaking) throws RefreshException, BreakingChangesException {
        Path target = bundleFile(snapshot);
        URI url = url("/releases/" + encode(release) + "/" + BUNDLE_FILE);
        byte[] bytes = download(url, target);
        JsonNode bundle = parse(bytes, url, target);
        if (!bundle.isObject() || !bundle.path("inference").isArray()) {
            throw new RefreshException("airgen: " + url + " did not answer a schema bundle (a JSON object with an 'inference' array); "
                    + keptMessage(target), null);
        }
        String newVersion = bundle.path("version").isString() ? bundle.get("version").asString() : "(unversioned)";
        Path temp = null;
        Path catalogTemp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(temp, bytes);
            // The generator's own reader must accept it, or the next build would fail on it.
            SnapshotReader.read(temp);

            ChangeReport report;
            JsonNode previous = null;
            if (Files.isRegularFile(target)) {
                byte[] old = Files.readAllBytes(target);
                previous = parseOld(old, target);
                String oldVersion = previous == null ? "(unreadable)" : previous.path("version").isString() ? previous.get("version").asString() : "(unversioned)";
                report = ChangeReport.compare(oldVersion, previous == null ? Map.of() : ModelSchemas.ofBundle(previous),
                        newVersion, ModelSchemas.ofBundle(bundle));
                print(report);
                if (Arrays.equals(old, bytes)) {
                    log.accept("airgen: " + target + " is already release " + newVersion + "; nothing written");
                    return new Outcome(report, List.of());
                }
            } else {
                report = ChangeReport.compare("(none)", Map.of(), newVersion, ModelSchemas.ofBundle(bundle));
                log.accept("airgen: no previous snapshot at " + target + "; every model is new");
                print(report);
            }
            refuseBreaking(report, failOnBreaking, target);
            Path catalog = target.equals(snapshot) ? null : target.resolveSibling(CatalogUpdate.FILE);
            byte[] catalogBytes = catalog == null ? null : catalog(catalog, previous, bundle);
            if (catalogBytes != null) {
                catalogTemp = Files.createTempFile(target.getParent(), "." + CatalogUpdate.FILE, ".tmp");
                Files.write(catalogTemp, catalogBytes);
            }
            move(temp, target);
            temp = null;
            log.accept("airgen: wrote release " + newVersion + " to " + target);
            if (catalogTemp != null) {
                move(catalogTemp, catalog);
                catalogTemp = null;
                log.accept("airgen: updated " + catalog + ": catalog metadata kept, slugs, task types and removed models as the release says");
                return new Outcome(report, List.of(target, catalog));
            }
            return new Outcome(report, List.of(target));
        } catch (SchemaException e) {
            throw new RefreshException("airgen: the bundle from " + url + " is not usable: " + BUNDLE_FILE + "#" + e.pointer()
                    + ": " + e.reason() + "; " + keptMessage(target), e);
        } catch (IOException e) {
            throw new RefreshException("airgen: cannot write " + target + ": " + e.getMessage() + "; " + keptMessage(target), e);
        } finally {
            deleteQuietly(temp);
            deleteQuietly(catalogTemp);
        }
    }

    /**
     * The catalog to write beside a folder's new bundle, or null to leave the one there as it is. An existing
     * {@code catalog.json} keeps its metadata (see {@link CatalogUpdate}). A folder without any snapshot file
     * yet starts from the catalog of the bundled snapshot, which builds used until then, so that model names
     * and capabilities survive the switch to a refreshed snapshot.
     */
    private byte[] catalog(Path catalog, JsonNode previousBundle, JsonNode bundle) throws IOException {
        if (Files.isRegularFile(catalog)) {
            return CatalogUpdate.update(Files.readAllBytes(catalog), previousBundle, bundle);
        }
        try (Stream<Path> files = Files.walk(catalog.getParent())) {
            if (files.anyMatch(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))) {
                return null; // a snapshot of its own, without a catalog
            }
        }
        Path bundled = BundledSnapshot.locate(SnapshotRefresher.class.getClassLoader()).orElse(null);
        if (bundled == null || !Files.isRegularFile(bundled.resolve(CatalogUpdate.FILE))) {
            return null;
        }
        byte[] seed = Files.readAllBytes(bundled.resolve(CatalogUpdate.FILE));
        byte[] updated = CatalogUpdate.update(seed, JSON.readTree(Files.readAllBytes(bundled.resolve(BUNDLE_FILE))), bundle);
        log.accept("airgen: " + catalog + " starts from the catalog of the bundled snapshot");
        return updated != null ? updated : seed;
    }

    /**
     * Fetches each {@code /resolve/{air}} document into {@code folder}, one file per model named by the
     * URL-encoded AIR. All are downloaded and checked before the first one is written.
     */
    Outcome refreshModels(Path folder, List<String> airs, boolean failOnBreaking) throws RefreshException, BreakingChangesException {
        if (Files.isRegularFile(folder)) {
            throw new RefreshException("airgen: 'models' needs 'snapshot' to be a folder, but " + folder + " is a file", null);
        }
        Map<Path, byte[]> downloads = new LinkedHashMap<>();
        Map<String, JsonNode> before = new TreeMap<>();
        Map<String, JsonNode> after = new TreeMap<>();
        for (String air : airs) {
            Path target = folder.resolve(encode(air) + ".json");
            URI url = url("/resolve/" + encode(air));
            byte[] bytes = download(url, folder);
            JsonNode document = parse(bytes, url, folder);
            if (!document.isObject() || !document.path("requestSchema").isObject()) {
                throw new RefreshException("airgen: " + url + " has no request schema for " + air
                        + " (expected a JSON object with an object 'requestSchema'); " + keptMessage(folder), null);
            }
            downloads.put(target, bytes);
            after.putAll(ModelSchemas.ofResolved(target.getFileName().toString(), document));
            if (Files.isRegularFile(target)) {
                try {
                    JsonNode previous = parseOld(Files.readAllBytes(target), target);
                    if (previous != null) {
                        before.putAll(ModelSchemas.ofResolved(target.getFileName().toString(), previous));
                    }
                } catch (IOException e) {
                    throw new RefreshException("airgen: cannot read " + target + ": " + e.getMessage(), e);
                }
            }
        }
        ChangeReport report = ChangeReport.compare("local files", before, schemasUrl, after);
        print(report);
        refuseBreaking(report, failOnBreaking, folder);
        checkReadable(folder, downloads);

        Map<Path, Path> staged = new LinkedHashMap<>();
        try {
            Files.createDirectories(folder);
            for (Map.Entry<Path, byte[]> d : downloads.entrySet()) {
                Path target = d.getKey();
                if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), d.getValue())) {
                    continue;
                }
                Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
                staged.put(temp, target);
                Files.write(temp, d.getValue());
            }
            List<Path> written = new ArrayList<>();
            for (Map.Entry<Path, Path> s : staged.entrySet()) {
                move(s.getKey(), s.getValue());
                written.add(s.getValue());
            }
            log.accept("airgen: " + written.size() + " of " + airs.size() + " model documents written to " + folder);
            return new Outcome(report, written);
        } catch (IOException e) {
            throw new RefreshException("airgen: cannot write into " + folder + ": " + e.getMessage(), e);
        } finally {
            staged.keySet().forEach(SnapshotRefresher::deleteQuietly);
        }
    }

    /**
     * Reads a copy of the folder as it will be with the new documents, so that a document the generator
     * cannot take (say, one that contradicts the bundle beside it) is refused before anything is replaced.
     */
    private static void checkReadable(Path folder, Map<Path, byte[]> downloads) throws RefreshException {
        Path copy = null;
        try {
            copy = Files.createTempDirectory("airgen-refresh");
            if (Files.isDirectory(folder)) {
                Path root = copy;
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : (Iterable<Path>) files.filter(p -> p.getFileName().toString().endsWith(".json"))::iterator) {
                        Path to = root.resolve(folder.relativize(file).toString());
                        Files.createDirectories(to.getParent());
                        Files.copy(file, to);
                    }
                }
            }
            for (Map.Entry<Path, byte[]> d : downloads.entrySet()) {
                Files.write(copy.resolve(d.getKey().getFileName().toString()), d.getValue());
            }
            // The generator tolerates a model defined twice (it keeps one and warns); a refresh that would
            // create such a conflict is refused instead, since the user asked for this model explicitly.
            List<String> warnings = SnapshotReader.read(copy).warnings();
            if (!warnings.isEmpty()) {
                throw new RefreshException("airgen: the resolved documents do not fit the snapshot: " + String.join("; ", warnings)
                        + "; " + keptMessage(folder), null);
            }
        } catch (SchemaException e) {
            throw new RefreshException("airgen: the resolved documents do not fit the snapshot: " + e.getMessage() + "; "
                    + keptMessage(folder), e);
        } catch (IOException e) {
            throw new RefreshException("airgen: cannot check the resolved documents: " + e.getMessage() + "; " + keptMessage(folder), e);
        } finally {
            deleteTree(copy);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(SnapshotRefresher::deleteQuietly);
        } catch (IOException ignored) {
            // a leftover folder in the temporary directory harms nothing
        }
    }

    private void refuseBreaking(ChangeReport report, boolean failOnBreaking, Path target) throws BreakingChangesException {
        if (failOnBreaking && report.breakingCount() > 0) {
            throw new BreakingChangesException("airgen: " + report.breakingCount() + " breaking change"
                    + (report.breakingCount() == 1 ? "" : "s") + " (see the report above) and failOnBreaking is set; "
                    + target + " was left unchanged");
        }
    }

    private void print(ChangeReport report) {
        report.print(log, warn);
    }

    private byte[] download(URI url, Path target) throws RefreshException {
        HttpRequest request = proxy.authorize(HttpRequest.newBuilder(url), url)
                .timeout(timeout).header("Accept", "application/json").GET().build();
        String via = proxy.via(url);
        String throughProxy = via == null ? "" : " through proxy " + via;
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new RefreshException("airgen: no answer from " + url + throughProxy + " within " + timeout.toSeconds() + " s; "
                    + keptMessage(target), e);
        } catch (ConnectException e) {
            String to = via == null ? url.getHost() + ":" + port(url) : "proxy " + via;
            throw new RefreshException("airgen: cannot connect to " + to + " (" + reason(e) + ") for " + url + "; " + keptMessage(target), e);
        } catch (IOException e) {
            throw new RefreshException("airgen: the download of " + url + throughProxy + " failed: " + reason(e) + "; " + keptMessage(target), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RefreshException("airgen: interrupted while downloading " + url + "; " + keptMessage(target), e);
        }
        if (response.statusCode() == 407 && via != null) {
            String advice = !proxy.hasCredentials(url) ? "the proxy's username and password belong on its <proxy> in settings.xml"
                    : "https".equalsIgnoreCase(url.getScheme())
                    ? "the JDK sends Basic credentials to a proxy that tunnels https only when the JVM runs with"
                            + " -Djdk.http.auth.tunneling.disabledSchemes= (in MAVEN_OPTS or .mvn/jvm.config); otherwise check them"
                    : "check the proxy's username and password in settings.xml";
            throw new RefreshException("airgen: the proxy " + via + " answered HTTP 407 (proxy authentication required) for " + url
                    + ": " + advice + "; " + keptMessage(target), null);
        }
        if (response.statusCode() != 200) {
            String body = new String(response.body(), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
            throw new RefreshException("airgen: " + url + " answered HTTP " + response.statusCode()
                    + (body.isEmpty() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body)) + "; " + keptMessage(target), null);
        }
        return response.body();
    }

    private static JsonNode parse(byte[] bytes, URI url, Path target) throws RefreshException {
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new RefreshException("airgen: the answer of " + url + " is not complete JSON (" + bytes.length + " bytes, broken" + where
                    + ": " + e.getOriginalMessage() + "); " + keptMessage(target), e);
        }
    }

    /** The snapshot being replaced; unreadable content only means there is nothing to compare with. */
    private JsonNode parseOld(byte[] bytes, Path file) {
        try {
            return JSON.readTree(bytes);
        } catch (JacksonException e) {
            log.accept("airgen: the previous " + file + " is not valid JSON; no comparison possible");
            return null;
        }
    }

    private URI url(String path) throws RefreshException {
        try {
            return URI.create(schemasUrl + path);
        } catch (IllegalArgumentException e) {
            throw new RefreshException("airgen: schemasUrl '" + schemasUrl + "' is not a valid URL: " + e.getMessage(), e);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        // The HTTP client reports a refused connection without any message.
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    private static String keptMessage(Path target) {
        return "the snapshot at " + target + " was left unchanged";
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover *.tmp is never read as part of a snapshot
            }
        }
    }
}
