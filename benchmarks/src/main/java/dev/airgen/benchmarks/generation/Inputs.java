package dev.airgen.benchmarks.generation;

import dev.airgen.schema.snapshot.BundledSnapshot;
import dev.airgen.generator.testing.SyntheticBundle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One generation input in the three shapes the measured tools read: the bundle as published, a bundle
 * holding only the per-model request schemas, and those request schemas as one file each.
 *
 * @param name          label in the report
 * @param bundleDir     folder with {@code schema-map.json} (and {@code catalog.json} when the input has one)
 * @param requestBundle {@code schema-map.json} with only {@code inference[].requestSchema}
 * @param schemaDir     one {@code <air>.json} per model, holding that model's request schema
 * @param models        number of per-model request schemas
 */
public record Inputs(String name, Path bundleDir, Path requestBundle, Path schemaDir, int models) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** The snapshot bundled in {@code airgen-model-schemas}, copied to disk so every tool reads files. */
    public static Inputs bundled(Path work) throws IOException {
        Path source = BundledSnapshot.locate(Inputs.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("airgen-model-schemas is not on the class path"));
        Path dir = Files.createDirectories(work.resolve("bundled"));
        for (String file : new String[] {"schema-map.json", "catalog.json"}) {
            Path from = source.resolve(file);
            if (Files.exists(from)) {
                try (InputStream in = Files.newInputStream(from)) {
                    Files.copy(in, dir.resolve(file));
                }
            }
        }
        return split("bundled snapshot", dir, work.resolve("bundled-split"));
    }

    /** A random but valid bundle of {@code models} models (seed 400, the bundle the generator's own scale test uses, so every run sees the same input). */
    public static Inputs synthetic(Path work, int models) throws IOException {
        ObjectNode bundle = new SyntheticBundle(400).bundle(models);
        Path dir = Files.createDirectories(work.resolve("synthetic"));
        MAPPER.writeValue(dir.resolve("schema-map.json").toFile(), bundle);
        return split("synthetic bundle (" + models + " models)", dir, work.resolve("synthetic-split"));
    }

    private static Inputs split(String name, Path bundleDir, Path splitDir) throws IOException {
        JsonNode bundle = MAPPER.readTree(bundleDir.resolve("schema-map.json").toFile());
        Path schemas = Files.createDirectories(splitDir.resolve("schemas"));
        ObjectNode requestsOnly = MAPPER.createObjectNode();
        requestsOnly.put("version", bundle.path("version").asString("unknown"));
        ArrayNode inference = requestsOnly.putArray("inference");
        int models = 0;
        for (JsonNode entry : bundle.path("inference")) {
            String air = entry.path("air").asString();
            JsonNode request = entry.get("requestSchema");
            if (air.isEmpty() || request == null) {
                continue;
            }
            ObjectNode copy = inference.addObject();
            copy.put("air", air);
            if (entry.has("slug")) {
                copy.set("slug", entry.get("slug"));
            }
            copy.set("requestSchema", request);
            MAPPER.writeValue(schemas.resolve(fileName(air)).toFile(), request);
            models++;
        }
        requestsOnly.putObject("architectures");
        requestsOnly.putObject("modalities");
        requestsOnly.putObject("operations");
        requestsOnly.putArray("utilities");
        Path requestBundle = splitDir.resolve("schema-map.json");
        MAPPER.writeValue(requestBundle.toFile(), requestsOnly);
        return new Inputs(name, bundleDir, requestBundle, schemas, models);
    }

    /** {@code runware:101@1} becomes {@code runware_101_1.json}: a plain file name both tools accept. */
    static String fileName(String air) {
        return air.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_") + ".json";
    }
}
