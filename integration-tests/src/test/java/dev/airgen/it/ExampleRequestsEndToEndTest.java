package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.example.runware.RunwareCatalog;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.RunwareException;
import dev.airgen.runtime.TextStreamResult;
import dev.airgen.runtime.Transport;
import dev.airgen.runtime.types.ModelInfo;
import dev.airgen.runtime.types.TaskRequest;
import dev.airgen.runtime.types.TaskResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every valid example request that ships with the snapshot (every task type, every deep model) is read into
 * its generated request class, validated and sent by the runtime over both transports, and answered with
 * typed results. Every documented request (one a public source shows) goes the same way over one transport.
 */
class ExampleRequestsEndToEndTest extends EmulatorClientsTest {

    /** Utilities that act on earlier tasks or stored media; {@link UtilitiesEndToEndTest} covers them. */
    private static final Set<String> STATEFUL = Set.of("getResponse", "getTaskDetails", "mediaStorage", "imageUpload", "modelUpload");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Stream<Arguments> examples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (ExampleCorpus.Example example : ExampleCorpus.all()) {
            if (STATEFUL.contains(example.request().path("taskType").asString())) {
                continue;
            }
            if (!example.documented()) {
                for (Transport transport : Transport.values()) {
                    out.add(Arguments.of(example.name(), example.request(), transport, example.target()));
                }
            } else {
                // Requests a public source documents: each is sent once, the transports taking turns, so the
                // suite's time stays bounded as the corpus grows (the valid examples cover both transports).
                Transport transport = "stream".equals(example.request().path("deliveryMethod").asString(""))
                        ? Transport.REST // streaming is REST only
                        : Transport.values()[example.index() % Transport.values().length];
                out.add(Arguments.of(example.name(), example.request(), transport, example.target()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} over {2}")
    @MethodSource("examples")
    void exampleRunsEndToEnd(String name, JsonNode example, Transport transport, JsonNode target) throws Exception {
        assumeThat(example.path("outputFormat").asString("")).as("the emulator cannot produce FBX").isNotEqualTo("FBX");
        ObjectNode task = (ObjectNode) example.deepCopy();
        String taskUUID = UUID.randomUUID().toString();
        task.put("taskUUID", taskUUID);
        TaskRequest<?> request = JSON.treeToValue(task, requestClass(task, target));
        assertThat(request.taskUUID()).isEqualTo(taskUUID);
        RunwareClient client = clients.of(transport);
        if ("stream".equals(task.path("deliveryMethod").asString(null))) {
            assumeThat(transport).as("streaming is REST only").isEqualTo(Transport.REST);
            StringBuilder text = new StringBuilder();
            TextStreamResult result = client.stream(request, chunk -> text.append(chunk.text() == null ? "" : chunk.text())).get(30, TimeUnit.SECONDS);
            assertThat(result.text()).isNotEmpty().isEqualTo(text.toString());
            return;
        }
        List<? extends TaskResult> results;
        try {
            results = run(client, request);
        } catch (RunwareException e) {
            // A documented limit of the emulator (it writes no OGG audio, for instance), not a validation mistake.
            assumeThat(e.code()).as("the emulator cannot produce " + task.path("outputFormat").asString(""))
                    .isNotEqualTo("unsupportedOutputFormat");
            throw e;
        }
        int expected = task.path("numberResults").asInt(1);
        assertThat(results).as(name).hasSize(expected);
        for (TaskResult r : results) {
            assertThat(r).isInstanceOf(request.resultType());
            assertThat(r.taskUUID()).isEqualTo(taskUUID);
            assertThat(r.taskType()).isEqualTo(request.taskType());
        }
    }

    private static <R extends TaskResult> List<R> run(RunwareClient client, TaskRequest<R> request) {
        return client.run(request);
    }

    /**
     * The generated class for a task: the model's own (or its architecture's), the architecture's for a
     * model the catalog does not list (a freshly trained one), else the utility's.
     */
    @SuppressWarnings("unchecked")
    static Class<? extends TaskRequest<?>> requestClass(JsonNode task, JsonNode target) throws ClassNotFoundException {
        String model = task.path("model").asString(null);
        if (model != null && RunwareCatalog.byAir(model).isEmpty() && target.has("architecture")) {
            String arch = dev.airgen.generator.lang.Names.upperCamel(target.get("architecture").asString());
            return (Class<? extends TaskRequest<?>>) Class.forName("com.example.runware." + arch + "Request");
        }
        if (model != null) {
            ModelInfo info = RunwareCatalog.byAir(model).orElseThrow(() -> new AssertionError("not in the catalog: " + model));
            return (Class<? extends TaskRequest<?>>) RunwareCatalog.requestType(info).orElseThrow();
        }
        String taskType = task.get("taskType").asString();
        return (Class<? extends TaskRequest<?>>) Class.forName("com.example.runware."
                + Character.toUpperCase(taskType.charAt(0)) + taskType.substring(1) + "Request");
    }
}
