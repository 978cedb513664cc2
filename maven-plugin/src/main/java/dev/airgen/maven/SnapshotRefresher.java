package dev.airgen.maven;

import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import dev.airgen.schema.SchemaException;
import dev.airgen.schema.snapshot.BundledSnapshot;
import dev.airgen.schema.snapshot.SnapshotReader;
import dev.airgen.maven.diff.ChangeReport;
import dev.airgen.maven.diff.JavaApiChanges;
import dev.airgen.schema.diff.ModelSchemas;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * <p>The server is not trusted: downloads are capped in size and time and follow redirects only within
 * limits (see {@link SnapshotDownloader}), and what arrives is generated from in memory, exactly as the next
 * build will read the snapshot with the new files in place, before anything is written. Only then does new
 * content go to temporary files beside the targets (named {@code *.tmp}, so a snapshot reader never picks them
 * up), each moved over its target. Any failure before that point leaves the old snapshot byte for byte as it
 * was, and its message names the URL and the place (file, JSON pointer) that failed.
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
    private final SnapshotDownloader downloader;
    private final Consumer<String> log;
    private final Consumer<String> warn;
    private GeneratorConfig apiSettings;

    /**
     * {@code log} takes progress and the report, {@code warn} the report's breaking changes; every download
     * follows {@code policy} and goes through {@code proxy}'s choice.
     */
    SnapshotRefresher(String schemasUrl, SnapshotDownloader.Policy policy, RefreshProxy proxy, Consumer<String> log, Consumer<String> warn) {
        this.schemasUrl = schemasUrl.endsWith("/") ? schemasUrl.substring(0, schemasUrl.length() - 1) : schemasUrl;
        this.downloader = new SnapshotDownloader(policy, proxy, log);
        this.log = log;
        this.warn = warn;
    }

    /**
     * Also reports the changes to the Java API generated with these settings (package, includes, excludes;
     * the snapshot path in them is ignored).
     */
    SnapshotRefresher reportingJavaApi(GeneratorConfig settings) {
        this.apiSettings = settings;
        return this;
    }

    /** The report with the Java API changes between the current snapshot and the checked new one, if asked for. */
    private ChangeReport withApi(ChangeReport report, Path current, GenerationResult next) {
        if (apiSettings == null) {
            return report;
        }
        report = report.withApi(JavaApiChanges.between(current, next.api(), apiSettings));
        if (report.api().isEmpty()) {
            log.accept("airgen: the generated Java API does not change");
        } else {
            report.printApi(log, warn);
        }
        return report;
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
        // The next build must be able to generate from it, with the rest of the snapshot as it is.
        boolean folder = !target.equals(snapshot);
        GenerationResult next = checkGenerates(folder ? snapshot : target,
                Map.of(folder ? BUNDLE_FILE : target.getFileName().toString(), bytes), url, target);
        Path temp = null;
        Path catalogTemp = null;
        try {
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
            report = withApi(report, Files.exists(target) ? snapshot : null, next);
            refuseBreaking(report, failOnBreaking, target);
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.write(temp, bytes);
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
        Map<String, byte[]> replaced = new LinkedHashMap<>();
        downloads.forEach((target, bytes) -> replaced.put(target.getFileName().toString(), bytes));
        // The generator tolerates a model defined twice (it keeps one and warns); a refresh that would create
        // such a conflict is refused instead, since the user asked for this model explicitly.
        GenerationResult next = checkGenerates(folder, replaced, URI.create(schemasUrl + "/resolve/"), folder);
        if (!next.report().warnings().isEmpty()) {
            throw new RefreshException("airgen: the resolved documents do not fit the snapshot: "
                    + String.join("; ", next.report().warnings()) + "; " + keptMessage(folder), null);
        }
        report = withApi(report, Files.isDirectory(folder) ? folder : null, next);
        refuseBreaking(report, failOnBreaking, folder);

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
     * Generates, in memory, from the snapshot as it will be with the new files: the generator's own reader,
     * resolver and checks, so a download the next build would fail on (a {@code $ref} cycle or one leaving the
     * snapshot, a broken pattern, a model that contradicts the rest of the folder) is refused before anything
     * is replaced.
     *
     * With the build's own generation settings when they are known, so a release the build's includes no
     * longer match is refused as the next build would fail on it.
     *
     * @return what the generation gave, its warnings and Java API included
     */
    private GenerationResult checkGenerates(Path snapshot, Map<String, byte[]> replaced, URI url, Path target) throws RefreshException {
        GeneratorConfig settings = apiSettings == null ? GeneratorConfig.of(snapshot, GeneratorConfig.DEFAULT_PACKAGE)
                : new GeneratorConfig(snapshot, apiSettings.packageName(), apiSettings.includes(), apiSettings.excludes());
        try {
            return new Generator().generate(settings, replaced);
        } catch (SchemaException e) {
            throw new RefreshException("airgen: the download from " + url + " is not usable: " + e.getMessage() + "; " + keptMessage(target), e);
        }
    }

    private void refuseBreaking(ChangeReport report, boolean failOnBreaking, Path target) throws BreakingChangesException {
        if (failOnBreaking && report.hasBreaking()) {
            long count = report.breakingCount() + report.apiBreakingCount();
            throw new BreakingChangesException("airgen: " + count + " breaking change"
                    + (count == 1 ? "" : "s") + " (see the report above) and failOnBreaking is set; "
                    + target + " was left unchanged");
        }
    }

    private void print(ChangeReport report) {
        report.print(log, warn);
    }

    private byte[] download(URI url, Path target) throws RefreshException {
        SnapshotDownloader.Response response;
        try {
            response = downloader.get(url);
        } catch (SnapshotDownloader.DownloadException e) {
            throw new RefreshException("airgen: " + e.getMessage() + "; " + keptMessage(target), e);
        }
        if (response.status() != 200) {
            String body = SnapshotDownloader.errorText(response.body());
            throw new RefreshException("airgen: " + response.url() + " answered HTTP " + response.status()
                    + (body.isEmpty() ? "" : ": " + body) + "; " + keptMessage(target), null);
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
