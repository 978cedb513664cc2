package dev.airgen.runtime;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.types.Json;
import dev.airgen.schema.snapshot.Snapshot;
import dev.airgen.schema.snapshot.SnapshotReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Starts the emulator on a snapshot made of this module's test schemas, so that what the client
 * validates and what the server validates are the same documents.
 */
final class EmulatorSupport {

    static final String KEY = "emu-key-5d2b8e0c41aa";

    private EmulatorSupport() {
    }

    static Snapshot snapshot() {
        ObjectNode map = Json.mapper().createObjectNode();
        map.put("version", "20260101000000");
        ArrayNode inference = map.putArray("inference");
        ArrayNode catalog = Json.mapper().createArrayNode();
        add(inference, catalog, "test:image@1", "test-image-1", "imageInference", "image.json");
        add(inference, catalog, "test:text@1", "test-text-1", "textInference", "text.json");
        add(inference, catalog, "test:video@1", "test-video-1", "videoInference", "async-video.json");
        map.putObject("architectures");
        map.putObject("modalities");
        map.putObject("operations");
        map.putArray("utilities");
        map.putObject("errors");
        return SnapshotReader.read(Map.of("schema-map.json", map.toString().getBytes(StandardCharsets.UTF_8),
                "catalog.json", catalog.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void add(ArrayNode inference, ArrayNode catalog, String air, String slug, String taskType,
                            String resource) {
        ObjectNode entry = inference.addObject();
        entry.put("slug", slug);
        entry.put("air", air);
        entry.set("requestSchema", Json.mapper().readTree(read("/airgen/test-schemas/" + resource)));
        ObjectNode model = catalog.addObject();
        model.put("air", air);
        model.put("slug", slug);
        model.put("name", slug);
        model.put("creator", "airgen-tests");
        model.put("taskType", taskType);
        model.put("status", "live");
    }

    private static String read(String resource) {
        try (InputStream in = EmulatorSupport.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static RunwareEmulator start(Duration taskDuration) {
        return RunwareEmulator.builder().snapshot(snapshot()).apiKeys(KEY).taskDuration(taskDuration).start();
    }

    /**
     * A request for the test video model: {@code results} results at 512x512, no deliveryMethod (the
     * model's schema makes async its default).
     */
    static dev.airgen.runtime.fixtures.MapRequest<dev.airgen.runtime.fixtures.ImageResult> video(int results) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("taskType", "videoInference");
        json.put("model", "test:video@1");
        json.put("width", 512);
        json.put("height", 512);
        json.put("numberResults", results);
        return new dev.airgen.runtime.fixtures.MapRequest<>(json, dev.airgen.runtime.fixtures.ImageResult.class,
                "/airgen/test-schemas/async-video.json");
    }

    /** A client tuned for fast tests against {@code emulator} over {@code transport}. */
    static RunwareClient.Builder client(RunwareEmulator emulator, Transport transport) {
        return RunwareClient.builder()
                .apiKey(KEY)
                .transport(transport)
                .baseUrl(emulator.baseUrl())
                .webSocketUrl(emulator.webSocketUrl())
                .requestTimeout(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(15))
                .authTimeout(Duration.ofSeconds(3))
                .heartbeatInterval(Duration.ofMillis(150))
                .pongTimeout(Duration.ofMillis(500))
                .reconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .maxReconnectAttempts(5)
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(100), 0.2))
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(30), 1.5, Duration.ofMillis(100), Duration.ofSeconds(15)));
    }
}
