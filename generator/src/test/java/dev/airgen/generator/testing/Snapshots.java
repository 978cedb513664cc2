package dev.airgen.generator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small snapshots written on the fly, so each test states exactly the schema it is about. */
public final class Snapshots {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private Snapshots() {
    }

    /** A bundle with one image model whose request has the given extra properties (JSON text of a map). */
    public static String bundleWithProperties(String properties) {
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

    /** Writes files (relative path → content) under a fresh folder and returns it. */
    public static Path write(Path dir, Map<String, String> files) {
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

    public static ObjectNode object(String json) {
        return (ObjectNode) JSON.readTree(json);
    }
}
