package dev.airgen.maven;

import dev.airgen.schema.resolve.SnapshotFiles;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The files a generation reads, by snapshot-relative path (forward slashes, sorted as strings so the
 * order never depends on the file system).
 *
 * <p>A folder snapshot: every {@code *.json} under it, since the reader reads them all. A single file:
 * that file plus every file it reaches through {@code $ref}s, transitively, resolved the way the
 * generator resolves them (against the enclosing {@code $id}, within the file's folder). What a single file
 * reached is also told as a {@link Reached}, which names the references to files that do not exist, so it can
 * be remembered and checked again later without parsing.
 */
final class SnapshotInputs {

    /** Only single-file snapshots need parsing; a folder build should not pay for loading Jackson. */
    private static final class Parser {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }
    private static final URI BASE = URI.create("https://snapshot.invalid/");

    private SnapshotInputs() {
    }

    /**
     * What a single-file snapshot reached, by name relative to its folder: the files that exist, and the
     * references to names that are no regular file (one created there later would change the inputs).
     */
    record Reached(SortedSet<String> present, SortedSet<String> absent) {

        Reached {
            present = Collections.unmodifiableSortedSet(new TreeSet<>(present));
            absent = Collections.unmodifiableSortedSet(new TreeSet<>(absent));
        }

        /** The files that exist, located in {@code root} (the snapshot file's folder). */
        Map<String, Path> files(Path root) {
            Map<String, Path> files = new TreeMap<>();
            present.forEach(name -> files.put(name, locate(root, name)));
            return files;
        }
    }

    static Map<String, Path> of(Path snapshot) throws IOException {
        if (Files.isDirectory(snapshot)) {
            Map<String, Path> files = new TreeMap<>();
            try (Stream<Path> walk = Files.walk(snapshot)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".json"))
                        .filter(p -> SnapshotFiles.isInside(snapshot, p)) // the generator refuses the others unread
                        .forEach(p -> files.put(relative(snapshot, p), p));
            }
            return files;
        }
        if (!Files.isRegularFile(snapshot)) {
            return new TreeMap<>();
        }
        return reach(snapshot).files(root(snapshot));
    }

    /** The folder the names of a single-file snapshot are relative to. */
    static Path root(Path file) {
        return file.toAbsolutePath().getParent();
    }

    static Path locate(Path root, String name) {
        return root.resolve(name).normalize();
    }

    /** Parses {@code file} and every file it reaches, to learn which ones it reads. */
    static Reached reach(Path file) throws IOException {
        Path root = root(file);
        SortedSet<String> present = new TreeSet<>();
        SortedSet<String> absent = new TreeSet<>();
        Deque<String> pending = new ArrayDeque<>();
        String first = file.getFileName().toString();
        pending.add(first);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            if (present.contains(name) || absent.contains(name)) {
                continue;
            }
            Path target;
            try {
                // Only names the generator may read count; it reports the others as errors, unread.
                target = name.equals(first) ? locate(root, name) : SnapshotFiles.locate(root, name);
            } catch (SnapshotFiles.Refused refused) {
                continue;
            }
            if (!Files.isRegularFile(target)) {
                absent.add(name);
                continue;
            }
            if (!name.equals(first) && !SnapshotFiles.isInside(root, target)) {
                continue;
            }
            present.add(name);
            JsonNode document;
            try {
                document = Parser.JSON.readTree(Files.readAllBytes(target));
            } catch (JacksonException notJson) {
                continue; // hashed as bytes; the generator reports the syntax error with its location
            }
            referencedFiles(document, BASE.resolve(encode(name)), pending);
        }
        return new Reached(present, absent);
    }

    /** Queues every snapshot file a {@code $ref} below {@code node} points into. */
    private static void referencedFiles(JsonNode node, URI base, Deque<String> pending) {
        if (node.isObject()) {
            URI here = base;
            JsonNode id = node.get("$id");
            if (id != null && id.isString()) {
                here = resolve(base, id.asString(), base);
            }
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isString()) {
                URI target = resolve(here, ref.asString(), null);
                if (target != null && target.toString().startsWith(BASE.toString()) && target.getRawPath() != null) {
                    String path = URLDecoder.decode(target.getRawPath().substring(BASE.getRawPath().length()), StandardCharsets.UTF_8);
                    if (!path.isEmpty()) {
                        pending.add(path);
                    }
                }
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                referencedFiles(field.getValue(), here, pending);
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                referencedFiles(item, base, pending);
            }
        }
    }

    private static URI resolve(URI base, String reference, URI fallback) {
        try {
            return base.resolve(new URI(null, null, null, null).resolve(reference.replace(" ", "%20")));
        } catch (URISyntaxException | IllegalArgumentException malformed) {
            return fallback; // the generator names the malformed reference
        }
    }

    private static String encode(String path) {
        try {
            return new URI(null, null, path, null).getRawPath();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    private static String relative(Path root, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part.toString());
        }
        return name.toString();
    }
}
