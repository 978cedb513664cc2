package dev.airgen.schema.snapshot;

import dev.airgen.schema.resolve.SchemaRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Small snapshots written on the fly, and a reading that also follows every {@code $ref} of every schema. */
final class TestSnapshots {

    private TestSnapshots() {
    }

    /** A bundle with one image model whose request has the given extra properties (JSON text of a map). */
    static String bundleWithProperties(String properties) {
        return """
                {"version":"1","inference":[{"slug":"test-model","air":"test:1@1","requestSchema":{
                  "$schema":"https://json-schema.org/draft/2019-09/schema","type":"object",
                  "properties":{"taskType":{"const":"imageInference"},"taskUUID":{"type":"string"},
                    "model":{"const":"test:1@1"}%s},
                  "required":["taskType","taskUUID","model"]},
                 "responseSchema":{"type":"object","properties":{"taskType":{"const":"imageInference"},"taskUUID":{"type":"string"},
                   "imageUUID":{"type":"string"}},"required":["taskType","taskUUID","imageUUID"]}}]}
                """.formatted(properties.isBlank() ? "" : "," + properties);
    }

    /** Writes files (relative path → content) under {@code dir} and returns it. */
    static Path write(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = dir.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue(), StandardCharsets.UTF_8);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a snapshot and resolves every {@code $ref} in its request and response schemas, as a generator would. */
    static Snapshot readAndResolve(Path path) {
        Snapshot snapshot = SnapshotReader.read(path);
        for (SnapshotEntry entry : snapshot.entries()) {
            resolveRefs(snapshot, entry.request());
            if (entry.response() != null) {
                resolveRefs(snapshot, entry.response());
            }
        }
        return snapshot;
    }

    private static void resolveRefs(Snapshot snapshot, SchemaRef at) {
        JsonNode node = at.node();
        if (node.isObject()) {
            if (node.path("$ref").isString()) {
                snapshot.resolver().resolve(at, node.get("$ref").asString());
            }
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                resolveRefs(snapshot, new SchemaRef(at.document(), at.pointer() + "/" + f.getKey().replace("~", "~0").replace("/", "~1")));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                resolveRefs(snapshot, new SchemaRef(at.document(), at.pointer() + "/" + i));
            }
        }
    }
}
