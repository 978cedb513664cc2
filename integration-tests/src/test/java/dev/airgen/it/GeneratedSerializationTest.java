package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.runtime.internal.access.TypesAccess;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.TaskRequest;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The runtime's mapper writes generated objects from the name/value pairs each one lists, not from its
 * annotations; any other Jackson mapper reads the annotations. Both must write the same bytes, in the same
 * order, for every example and documented request of every model, each carrying a property its schema does
 * not declare (an additional property, written last) as well. The tree the client validates and sends
 * ({@link TypesAccess#tree}) is the one Jackson builds from the annotations, node for node.
 */
class GeneratedSerializationTest {

    /** A mapper without the runtime's set-up: Jackson's bean serializer, driven by the generated annotations. */
    private static final JsonMapper ANNOTATIONS = JsonMapper.builder().build();

    static Stream<Arguments> requests() throws IOException {
        return ExampleCorpus.all().stream().map(e -> Arguments.of(e.name(), e.request(), e.target()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void theRuntimesMapperWritesWhatTheAnnotationsSay(String name, JsonNode example, JsonNode target) throws Exception {
        ObjectNode task = (ObjectNode) example.deepCopy();
        task.putObject("undeclaredByAnySchema").put("kept", true).putNull("empty").putArray("list").add(1).add("two");
        TaskRequest<?> request = ANNOTATIONS.treeToValue(task, ExampleRequestsEndToEndTest.requestClass(task, target));

        String fromPairs = Json.mapper().writeValueAsString(request);
        assertThat(fromPairs).as(name).isEqualTo(ANNOTATIONS.writeValueAsString(request));
        assertThat(Json.mapper().valueToTree(request).toString()).as(name).isEqualTo(fromPairs);
        assertThat(TypesAccess.tree(request)).as(name).isEqualTo(ANNOTATIONS.valueToTree(request));
        assertThat(fromPairs).as(name).endsWith(",\"undeclaredByAnySchema\":{\"kept\":true,\"empty\":null,\"list\":[1,\"two\"]}}");
    }
}
