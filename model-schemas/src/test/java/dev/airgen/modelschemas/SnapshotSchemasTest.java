package dev.airgen.modelschemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/** Every schema of the bundle is a valid draft 2019-09 schema and follows the bundle's conventions. */
class SnapshotSchemasTest {

    private static final List<String> TASK_TYPES = List.of("imageInference", "videoInference", "audioInference", "3dInference",
            "textInference", "caption", "upscale", "removeBackground", "vectorize", "controlNetPreprocess", "imageMasking",
            "promptEnhance", "training");
    private static final List<String> UTILITIES = List.of("accountManagement", "getResponse", "getTaskDetails", "imageUpload",
            "mediaStorage", "modelSearch", "modelUpload");
    private static final List<String> ARCHITECTURES = List.of("exactly-illustrative", "flux-1-dev", "flux-1-kontext-dev",
            "flux-1-schnell", "illustrious", "noobai", "pony", "sd-1-5", "sdxl", "sdxl-lightning", "sdxl-turbo", "z-image", "z-image-turbo");

    private static SchemaRegistry registry;
    private static Schema metaSchema;

    @BeforeAll
    static void loadMetaSchema() {
        registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09);
        metaSchema = registry.getSchema(SchemaLocation.of(SnapshotAssembler.DIALECT));
    }

    static Stream<Snapshot.NamedSchema> schemas() {
        return Snapshot.allSchemas().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("schemas")
    void isValidAgainstTheDraft201909MetaSchema(Snapshot.NamedSchema named) {
        List<Error> errors = metaSchema.validate(named.schema());
        assertThat(errors).as(named.name()).isEmpty();
        // Compiling catches what the meta-schema cannot, such as a $ref that points nowhere.
        Schema compiled = registry.getSchema(named.schema());
        compiled.initializeValidators();
    }

    @Test
    void theMetaSchemaCheckRejectsABrokenSchema() {
        JsonNode broken = Snapshot.MAPPER.readTree("{\"type\": \"object\", \"properties\": {\"width\": {\"type\": \"integr\"}}, \"required\": \"width\"}");
        assertThat(metaSchema.validate(broken)).isNotEmpty();
    }

    @Test
    void requestSchemasDeclareTheDialectFixTheTaskTypeAndUseOnlyLocalReferences() {
        for (Snapshot.NamedSchema s : Snapshot.allSchemas()) {
            if (!s.request()) {
                continue;
            }
            assertThat(s.schema().path("$schema").asString("")).as(s.name()).isEqualTo(SnapshotAssembler.DIALECT);
            assertThat(s.schema().path("type").asString("")).as(s.name()).isEqualTo("object");
            assertThat(s.schema().path("properties").path("taskType").has("const")).as(s.name() + " taskType const").isTrue();
            assertThat(s.schema().path("required").toString()).as(s.name()).contains("\"taskType\"", "\"taskUUID\"");
            assertThat(refsLeavingTheSchema(s.schema())).as(s.name()).isEmpty();
        }
    }

    @Test
    void inferenceEntriesAreUniqueAndFixTheirModel() {
        JsonNode inference = Snapshot.schemaMap().path("inference");
        assertThat(inference.size()).isGreaterThanOrEqualTo(357);
        Set<String> airs = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        Set<String> taskTypes = new HashSet<>();
        for (JsonNode e : inference) {
            String air = e.path("air").asString();
            assertThat(airs.add(air)).as("duplicate AIR " + air).isTrue();
            assertThat(slugs.add(e.path("slug").asString())).as("duplicate slug " + e.path("slug")).isTrue();
            JsonNode props = e.path("requestSchema").path("properties");
            assertThat(props.path("model").path("const").asString("")).as(air).isEqualTo(air);
            String taskType = props.path("taskType").path("const").asString();
            taskTypes.add(taskType);
            assertThat(e.path("responseSchema").path("properties").path("taskType").path("const").asString(""))
                    .as(air + " response taskType").isEqualTo(taskType);
            assertThat(e.path("requestSchema").path("additionalProperties").asBoolean(true)).as(air + " closed request").isFalse();
        }
        assertThat(taskTypes).containsExactlyInAnyOrderElementsOf(TASK_TYPES);
    }

    @Test
    void theBundleHasEveryGroup() {
        JsonNode map = Snapshot.schemaMap();
        assertThat(map.path("version").asString()).matches("\\d{14}");
        assertThat(map.path("architectures").propertyNames()).containsExactlyInAnyOrderElementsOf(ARCHITECTURES);
        assertThat(map.path("modalities").propertyNames()).containsExactlyInAnyOrder("image", "video", "audio", "text", "3d");
        assertThat(map.path("operations").propertyNames()).contains("caption-image", "caption-video", "controlnet-preprocess",
                "masking", "prompt-enhance", "remove-background-image", "remove-background-video", "training", "upscale-image",
                "upscale-video", "vectorize");
        List<String> utilities = new ArrayList<>();
        map.path("utilities").forEach(u -> {
            utilities.add(u.path("slug").asString());
            assertThat(u.path("requestSchema").path("properties").path("taskType").path("const").asString(""))
                    .isEqualTo(u.path("slug").asString());
        });
        assertThat(utilities).containsExactlyInAnyOrderElementsOf(UTILITIES);
        assertThat(map.path("errors").has("error.json")).isTrue();
        map.path("architectures").forEach(a ->
                assertThat(a.path("properties").path("taskType").path("const").asString()).isEqualTo("imageInference"));
    }

    @Test
    void everyRequestPropertyIsDescribed() {
        for (Snapshot.NamedSchema s : Snapshot.allSchemas()) {
            if (s.request()) {
                assertThat(undescribed(s.schema(), "")).as(s.name()).isEmpty();
            }
        }
    }

    private static List<String> undescribed(JsonNode schema, String path) {
        List<String> out = new ArrayList<>();
        schema.path("properties").properties().forEach(p -> {
            String at = path.isEmpty() ? p.getKey() : path + "." + p.getKey();
            if (!p.getValue().has("description")) {
                out.add(at);
            }
            out.addAll(undescribed(p.getValue(), at));
            out.addAll(undescribed(p.getValue().path("items"), at + "[]"));
            for (String union : List.of("anyOf", "oneOf")) {
                p.getValue().path(union).forEach(b -> out.addAll(undescribed(b, at)));
            }
        });
        return out;
    }

    private static List<String> refsLeavingTheSchema(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && !ref.asString("").startsWith("#")) {
                out.add(ref.asString(""));
            }
            node.forEach(child -> out.addAll(refsLeavingTheSchema(child)));
        } else if (node.isArray()) {
            node.forEach(child -> out.addAll(refsLeavingTheSchema(child)));
        }
        return out;
    }
}
