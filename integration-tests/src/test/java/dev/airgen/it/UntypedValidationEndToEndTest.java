package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.schema.snapshot.BundledSnapshot;
import com.example.runware.RunwareCatalog;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.RunwareValidationException;
import dev.airgen.runtime.Transport;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tasks given as plain JSON are checked like typed requests: the schema is found by the task's model
 * (through the index generated beside the classes), so every bundled counter-example is refused by the
 * untyped calls naming the same parameters as the typed path does; community AIRs the catalog knows are
 * checked against their architecture, unknown ones against their task type's modality.
 */
class UntypedValidationEndToEndTest extends EmulatorClientsTest {

    private static final JsonNode INDEX = classpathJson("META-INF/airgen/schema-index.json");

    /** The schema the generated class of an example's target validates against, or null for targets not compared. */
    private static String typedSchema(JsonNode target, JsonNode request) {
        if (target.has("air")) {
            return INDEX.path("models").path(target.get("air").asString()).asString(null);
        }
        if (target.has("architecture")) {
            // compared only when the untyped call can know the architecture: the model is in the catalog
            String model = request.path("model").asString("");
            return RunwareCatalog.byAir(model).isPresent()
                    ? INDEX.path("architectures").path(target.get("architecture").asString()).asString(null) : null;
        }
        if (target.has("utility") && target.get("utility").asString().equals(request.path("taskType").asString(""))) {
            // (a counter-example with another task's type is, untyped, simply that other task)
            return INDEX.path("taskTypes").path(target.get("utility").asString()).asString(null);
        }
        return null;
    }

    @TestFactory
    List<DynamicTest> everyBundledCounterExampleIsRefusedAlikeTypedAndUntyped() throws IOException {
        Path folder = BundledSnapshot.locate(getClass().getClassLoader()).orElseThrow().getParent().resolve("examples");
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                JsonNode examples = Json.mapper().readTree(Files.readAllBytes(file));
                int i = 0;
                for (JsonNode invalid : examples.path("invalid")) {
                    JsonNode request = invalid.get("request");
                    String schema = typedSchema(examples.path("target"), request);
                    if (schema == null || invalid.path("parameter").asString("").equals("taskUUID")) {
                        continue;   // an untyped task without a taskUUID gets one, by design
                    }
                    String name = file.getFileName() + " invalid #" + i++ + " (" + invalid.path("parameter").asString() + ")";
                    tests.add(DynamicTest.dynamicTest(name, () -> {
                        RunwareClient client = clients.rest;
                        JsonValue task = JsonValue.parse(request.toString());
                        RunwareValidationException typed = catchThrowableOfType(RunwareValidationException.class,
                                () -> client.validateJson(task, schema));
                        RunwareValidationException untyped = catchThrowableOfType(RunwareValidationException.class,
                                () -> client.validateJson(task));
                        assertThat(typed).as("the typed schema refuses it").isNotNull();
                        assertThat(untyped).as("the untyped call refuses it").isNotNull();
                        assertThat(untyped.parameters()).isEqualTo(typed.parameters());
                        assertThat(untyped.violations()).hasToString(typed.violations().toString());
                    }));
                }
            }
        }
        assertThat(tests).hasSizeGreaterThan(100);
        return tests;
    }

    private static ObjectNode sdxlExample(String model) {
        ObjectNode task = Json.mapper().createObjectNode();
        task.put("taskType", "imageInference");
        task.put("taskUUID", UUID.randomUUID().toString());
        task.put("model", model);
        task.put("positivePrompt", "a quiet harbour at dawn");
        task.put("width", 1024);
        task.put("height", 1024);
        return task;
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aCommunityAirTheCatalogKnowsIsCheckedAgainstItsArchitectureAndRuns(Transport transport) {
        RunwareClient client = clients.of(transport);
        assertThat(RunwareCatalog.byAir("civitai:139562@344487").orElseThrow().architecture()).isEqualTo("sdxl");
        ObjectNode valid = sdxlExample("civitai:139562@344487");
        List<JsonValue> results = client.runJson(JsonValue.parse(valid.toString()));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.get("imageUUID")).isPresent());

        ObjectNode noPrompt = sdxlExample("civitai:139562@344487");
        noPrompt.remove("positivePrompt");
        RunwareValidationException e = catchThrowableOfType(RunwareValidationException.class,
                () -> client.runJson(JsonValue.parse(noPrompt.toString())));
        assertThat(e.parameters()).containsExactly("positivePrompt");
    }

    @Test
    void anAirNothingDescribesIsCheckedAgainstItsTaskTypesModality() {
        ObjectNode task = sdxlExample("civitai:999999@1");
        task.put("numberResults", 0);
        RunwareValidationException e = catchThrowableOfType(RunwareValidationException.class,
                () -> clients.rest.validateJson(JsonValue.parse(task.toString())));
        assertThat(e.parameters()).containsExactly("numberResults");
        task.put("numberResults", 1);
        clients.rest.validateJson(JsonValue.parse(task.toString()));   // the modality leaves the rest open
    }

    @Test
    void untypedMapsAreCheckedToo() {
        RunwareValidationException e = catchThrowableOfType(RunwareValidationException.class,
                () -> clients.webSocket.run(java.util.Map.of("taskType", "imageInference", "model", "runware:101@1",
                        "positivePrompt", "a red kite", "width", 1000, "height", 1024)));
        assertThat(e.parameters()).contains("width");
    }
}
