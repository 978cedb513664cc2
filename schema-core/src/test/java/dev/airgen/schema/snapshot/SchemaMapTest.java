package dev.airgen.schema.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SchemaMapTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return MAPPER.readTree(text.replace('\'', '"'));
    }

    private static final JsonNode BUNDLE = json("""
            {'inference': [
               {'air': 'acme:1@1', 'requestSchema': {'properties': {'model': {'const': 'other:9@9'},
                   'providerSettings': {'properties': {'acme': {'type': 'object'}}}}}},
               {'requestSchema': {'properties': {'model': {'const': 'civitai:1@2'},
                   'providerSettings': {'$ref': '#/$defs/settings'}},
                 '$defs': {'settings': {'properties': {'zeta': {}, 'beta': {}}}}}}],
             'architectures': {'sdxl': {'requestSchema': {'properties': {'taskType': {'enum': ['imageInference']}}}}},
             'modalities': {'image': {'properties': {'taskType': {'const': 'imageInference'}}}},
             'operations': {'caption': {'properties': {'taskType': {'enum': ['caption', 'imageCaption'], 'default': 'x'}}}},
             'utilities': [{'slug': 'upload', 'requestSchema': {'properties': {'taskType': {'const': 'imageUpload'}}}},
                           {'slug': 'ping', 'requestSchema': {}}]}
            """);

    @Test
    void anInferenceEntryIsKnownByItsAirElseByItsModelConstant() {
        List<String> airs = new ArrayList<>();
        BUNDLE.get("inference").forEach(e -> airs.add(SchemaMap.air(e)));
        assertThat(airs).containsExactly("acme:1@1", "civitai:1@2");
        assertThat(SchemaMap.air(json("{'slug': 'x', 'requestSchema': {}}"))).isNull();
    }

    @Test
    void keyedSectionsTakeBothForms() {
        assertThat(SchemaMap.requestOf(BUNDLE.at("/architectures/sdxl"))).isSameAs(BUNDLE.at("/architectures/sdxl/requestSchema"));
        assertThat(SchemaMap.requestOf(BUNDLE.at("/modalities/image"))).isSameAs(BUNDLE.at("/modalities/image"));
        assertThat(SchemaMap.responseOf(BUNDLE.at("/modalities/image"))).isNull();
        assertThat(SchemaMap.requestSchemas(BUNDLE)).hasSize(7);
    }

    @Test
    void theOneTaskTypeASchemaPinsAndEveryOneItAccepts() {
        assertThat(SchemaMap.taskType(BUNDLE.at("/architectures/sdxl/requestSchema"))).isEqualTo("imageInference");
        assertThat(SchemaMap.taskType(BUNDLE.at("/operations/caption"))).isNull();
        assertThat(SchemaMap.taskTypes(BUNDLE.at("/operations/caption"))).containsExactly("caption", "imageCaption");
        assertThat(SchemaMap.taskTypes(json("{'properties': {'taskType': {'default': 'x'}}}"))).containsExactly("x");
        assertThat(SchemaMap.taskTypes(json("{}"))).isEmpty();
    }

    @Test
    void aUtilityIsKeyedByItsTaskTypeElseItsSlug() {
        assertThat(SchemaMap.utilityKey(BUNDLE.at("/utilities/0"))).isEqualTo("imageUpload");
        assertThat(SchemaMap.utilityKey(BUNDLE.at("/utilities/1"))).isEqualTo("ping");
    }

    @Test
    void providerKeysComeFromEveryProviderSettingsObjectFollowingLocalReferences() {
        assertThat(SchemaMap.providerKeys(BUNDLE)).containsExactly("acme", "beta", "zeta");
    }

    @Test
    void savedResolveDocumentsNameTheirAir() {
        assertThat(SchemaMap.airFromFileName("models/civitai%3A38784%4044716.json")).isEqualTo("civitai:38784@44716");
        assertThat(SchemaMap.creatorOf("klingai:5@3")).isEqualTo("klingai");
        assertThat(SchemaMap.creatorOf("plain")).isNull();
    }
}
