package dev.airgen.maven;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
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
 * generator resolves them (against the enclosing {@code $id}, within the file's folder).
 */
final class SnapshotInputs {

    /** Only single-file snapshots need parsing; a folder build should not pay for loading Jackson. */
    private static final class Parser {
        static final JsonMapper JSON = JsonMapper.builder().build();
    }
    private static final URI BASE = URI.create("https://snapshot.invalid/");

    private SnapshotInputs() {
    }

    static Map<String, Path> of(Path snapshot) throws IOException {
        Map<String, Path> files = new TreeMap<>();
        if (Files.isDirectory(snapshot)) {
            try (Stream<Path> walk = Files.walk(snapshot)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName().toString().endsWith(".json"))
                        .forEach(p -> files.put(relative(snapshot, p), p));
            }
            return files;
        }
        if (!Files.isRegularFile(snapshot)) {
            return files;
        }
        Path root = snapshot.toAbsolutePath().getParent();
        Deque<String> pending = new ArrayDeque<>();
        pending.add(snapshot.getFileName().toString());
        while (!pending.isEmpty()) {
            String name = pending.poll();
            Path file = root.resolve(name).normalize();
            if (files.containsKey(name) || !file.startsWith(root) || !Files.isRegularFile(file)) {
                continue;
            }
            files.put(name, file);
            JsonNode document;
            try {
                document = Parser.JSON.readTree(Files.readAllBytes(file));
            } catch (JacksonException notJson) {
                continue; // hashed as bytes; the generator reports the syntax error with its location
            }
            referencedFiles(document, BASE.resolve(encode(name)), pending);
        }
        return files;
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
