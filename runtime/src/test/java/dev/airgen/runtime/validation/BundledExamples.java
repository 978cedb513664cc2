package dev.airgen.runtime.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * The example requests the bundled snapshot ships ({@code airgen/examples/*.json}), each with the request
 * schema of the model it targets written into a folder, so a class loader over that folder serves it.
 */
final class BundledExamples {

    private static final String SNAPSHOT = "airgen/snapshot/schema-map.json";

    private BundledExamples() {
    }

    private static JsonNode read(String resource) {
        try (InputStream in = BundledExamples.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> exampleFiles() throws IOException {
        URL url = BundledExamples.class.getClassLoader().getResource(SNAPSHOT);
        assertThat(url).as("bundled snapshot on the test classpath").isNotNull();
        List<String> names = new ArrayList<>();
        if ("jar".equals(url.getProtocol())) {
            String jar = url.getPath().substring("file:".length(), url.getPath().indexOf('!'));
            try (java.util.jar.JarFile file = new java.util.jar.JarFile(java.net.URLDecoder.decode(jar, "UTF-8"))) {
                file.stream().map(java.util.jar.JarEntry::getName)
                        .filter(n -> n.startsWith("airgen/examples/") && n.endsWith(".json")).forEach(names::add);
            }
        } else {
            Path examples = Path.of(java.net.URI.create(url.toString())).getParent().resolveSibling("examples");
            try (Stream<Path> files = Files.list(examples)) {
                files.filter(f -> f.toString().endsWith(".json"))
                        .forEach(f -> names.add("airgen/examples/" + f.getFileName()));
            }
        }
        names.sort(null);
        return names;
    }

    /** The request schema an example targets, written to a file the validator loads from the classpath. */
    private static String schemaFor(Path dir, JsonNode map, JsonNode target, String name) throws IOException {
        JsonNode schema = null;
        if (target.has("air")) {
            for (JsonNode entry : map.get("inference")) {
                if (target.get("air").asString().equals(entry.path("air").asString(null))) {
                    schema = entry.get("requestSchema");
                }
            }
        } else if (target.has("utility")) {
            for (JsonNode entry : map.get("utilities")) {
                JsonNode s = entry.get("requestSchema");
                if (target.get("utility").asString().equals(s.path("properties").path("taskType").path("const").asString(null))
                        || target.get("utility").asString().equals(entry.path("slug").asString(null))) {
                    schema = s;
                }
            }
        } else {
            for (String kind : List.of("architecture", "operation", "modality")) {
                if (target.has(kind)) {
                    JsonNode node = map.get(kind.equals("modality") ? "modalities" : kind + "s").get(target.get(kind).asString());
                    schema = node != null && node.has("requestSchema") ? node.get("requestSchema") : node;
                }
            }
        }
        assertThat(schema).as("schema for " + target).isNotNull();
        Path file = dir.resolve(name);
        Files.writeString(file, Json.mapper().writeValueAsString(schema));
        return "/" + name;
    }

    /** A bundled example file, with its request schema written where the validator finds it ({@code resource}). */
    record Example(String name, String file, JsonNode content, String resource) {
    }

    static List<Example> load(Path dir) throws IOException {
        JsonNode map = read(SNAPSHOT);
        List<Example> out = new ArrayList<>();
        for (String name : exampleFiles()) {
            JsonNode example = read(name);
            String file = name.substring(name.lastIndexOf('/') + 1);
            out.add(new Example(name, file, example, schemaFor(dir, map, example.get("target"), file)));
        }
        return out;
    }
}
