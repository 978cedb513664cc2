package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.schema.snapshot.BundledSnapshot;
import com.example.runware.RunwareCatalog;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.Transport;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import dev.airgen.runtime.types.ModelInfo;
import dev.airgen.runtime.types.TaskRequest;
import dev.airgen.runtime.types.TaskResult;
import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every catalog model whose schema makes {@code async} the delivery (most video models) runs through a plain
 * {@code client.run(...)} over REST and WebSocket: the client sends it async, polls, and returns the finished
 * results: media that download and are recognised by their first bytes, or the text of a model that
 * answers in words. The request is the model's bundled
 * example when it has one, else the smallest request its schema accepts.
 */
class AsyncDefaultModelsEndToEndTest extends EmulatorClientsTest {

    private static final SchemaValidator VALIDATOR = SchemaValidator.create();

    @TempDir
    Path dir;

    static Stream<Arguments> models() throws IOException {
        JsonNode index = classpathJson("META-INF/airgen/schema-index.json");
        Map<String, JsonNode> examples = bundledExamples();
        List<Arguments> out = new ArrayList<>();
        for (ModelInfo model : RunwareCatalog.all()) {
            String resource = index.path("models").path(model.air()).asString(null);
            if (resource == null || !defaultsToAsync(classpathJson(resource.substring(1)))) {
                continue;
            }
            for (Transport transport : Transport.values()) {
                out.add(Arguments.of(model.air(), transport, resource, examples.get(model.air())));
            }
        }
        assertThat(out).as("async-default models in the catalog").hasSizeGreaterThan(2 * 100);
        return out.stream();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("models")
    void runReturnsDecodedResults(String air, Transport transport, String schemaResource, JsonNode example) throws Exception {
        JsonNode schema = classpathJson(schemaResource.substring(1));
        ObjectNode task = example != null ? (ObjectNode) example.deepCopy() : (ObjectNode) MinimalRequest.of(schema);
        task.remove("deliveryMethod");   // the client must find out by itself
        task.put("taskUUID", UUID.randomUUID().toString());
        List<Violation> violations = VALIDATOR.validate(getClass().getClassLoader(), schemaResource,
                JsonValue.parse(task.toString()));
        assertThat(violations).as("the request for " + air + " is valid: " + task).isEmpty();

        ModelInfo model = RunwareCatalog.byAir(air).orElseThrow();
        @SuppressWarnings("unchecked")
        Class<? extends TaskRequest<?>> type = (Class<? extends TaskRequest<?>>) RunwareCatalog.requestType(model).orElseThrow();
        TaskRequest<?> request = Json.mapper().treeToValue(task, type);
        RunwareClient client = clients.of(transport);
        List<? extends TaskResult> results = run(client, request);

        assertThat(results).as(air).hasSize(task.path("numberResults").asInt(1));
        for (TaskResult result : results) {
            assertThat(result.taskUUID()).isEqualTo(request.taskUUID());
            JsonNode json = Json.mapper().valueToTree(result);
            String url = mediaUrl(json);
            if (url == null) {
                // a model that answers in words (captions, text)
                assertThat(json.path("text").asString("")).as("a media URL or a text in " + json).isNotBlank();
                continue;
            }
            if (transport == Transport.REST) {
                // The media of each model are fetched and recognised once; over WebSocket the same results arrive.
                Path file = dir.resolve(UUID.randomUUID() + ".bin");
                long bytes = client.download(URI.create(url), file, null);
                assertThat(bytes).isPositive();
                assertThat(MediaMagic.kind(Files.readAllBytes(file))).as("decoded media of " + url).isNotNull();
            }
        }
    }

    private static <R extends TaskResult> List<R> run(RunwareClient client, TaskRequest<R> request) {
        return client.run(request);
    }

    private static String mediaUrl(JsonNode result) {
        for (String key : List.of("videoURL", "imageURL", "audioURL", "outputURL", "modelURL", "mediaURL")) {
            if (result.path(key).isString()) {
                return result.get(key).asString();
            }
        }
        for (var e : result.properties()) {
            if (e.getKey().endsWith("URL") && e.getValue().isString()) {
                return e.getValue().asString();
            }
        }
        return null;
    }

    private static boolean defaultsToAsync(JsonNode schema) {
        JsonNode delivery = schema.path("properties").path("deliveryMethod");
        return "async".equals(delivery.path("default").asString(null)) || "async".equals(delivery.path("const").asString(null));
    }

    /** The first valid bundled example of each model, by AIR. */
    private static Map<String, JsonNode> bundledExamples() throws IOException {
        Path folder = BundledSnapshot.locate(AsyncDefaultModelsEndToEndTest.class.getClassLoader()).orElseThrow()
                .getParent().resolve("examples");
        Map<String, JsonNode> out = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                for (JsonNode valid : Json.mapper().readTree(Files.readAllBytes(file)).path("valid")) {
                    String model = valid.path("model").asString(null);
                    if (model != null && !"FBX".equals(valid.path("outputFormat").asString(""))) {
                        out.putIfAbsent(model, valid);
                    }
                }
            }
        }
        return out;
    }
}
