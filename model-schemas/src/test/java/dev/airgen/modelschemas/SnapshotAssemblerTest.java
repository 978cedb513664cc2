package dev.airgen.modelschemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/** The authoring directives on small, made-up trees. */
class SnapshotAssemblerTest {

    @TempDir
    Path root;

    @BeforeEach
    void skeleton() throws IOException {
        write("bundle.json", "{\"version\": \"20260101000000\"}");
        write("descriptions.json", "{\"ttl\": \"How long the file lives.\", \"lora.weight\": \"LoRA strength.\", \"weight\": \"Generic weight.\"}");
        write("fragments/common/ttl.json", "{\"type\": \"integer\", \"minimum\": 60}");
        write("fragments/image/lora-item.json", "{\"type\": \"object\", \"properties\": {\"model\": {\"type\": \"string\"}, "
                + "\"weight\": {\"type\": \"number\"}, \"extra\": {\"type\": \"string\"}}, \"required\": [\"model\", \"extra\"], "
                + "\"dependentRequired\": {\"extra\": [\"model\"]}, \"additionalProperties\": false}");
    }

    private void write(String rel, String json) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, json);
    }

    private void model(String body) throws IOException {
        write("models/acme/acme-one.json", "{\"slug\": \"acme-one\", \"air\": \"acme:1@1\", \"catalog\": {\"creator\": \"acme\"}, "
                + "\"requestSchema\": " + body + ", \"responseSchema\": {\"type\": \"object\", \"properties\": "
                + "{\"taskType\": {\"type\": \"string\", \"const\": \"imageInference\"}}}}");
    }

    private static String request(String extraProperties) {
        return "{\"type\": \"object\", \"properties\": {\"model\": {\"type\": \"string\", \"const\": \"acme:1@1\"}, "
                + "\"taskType\": {\"type\": \"string\", \"const\": \"imageInference\"}, \"taskUUID\": {\"type\": \"string\"}"
                + extraProperties + "}, \"required\": [\"model\", \"taskType\", \"taskUUID\"]}";
    }

    private JsonNode assembledRequest() {
        SnapshotAssembler.Output out = new SnapshotAssembler(root).assemble();
        return Snapshot.MAPPER.readTree(out.schemaMap()).path("inference").get(0).path("requestSchema");
    }

    @Test
    void useInlinesTheFragmentAndSiblingsOverrideIt() throws IOException {
        model(request(", \"ttl\": {\"$use\": \"common/ttl\", \"maximum\": 3600}"));
        JsonNode ttl = assembledRequest().path("properties").path("ttl");
        assertThat(ttl.path("type").asString()).isEqualTo("integer");
        assertThat(ttl.path("minimum").asInt()).isEqualTo(60);
        assertThat(ttl.path("maximum").asInt()).isEqualTo(3600);
        assertThat(ttl.has("$use")).isFalse();
    }

    @Test
    void pickKeepsOnlyTheListedPropertiesAndTrimsRequiredSets() throws IOException {
        model(request(", \"lora\": {\"type\": \"array\", \"items\": {\"$use\": \"image/lora-item\", \"$pick\": [\"model\", \"weight\"]}}"));
        JsonNode item = assembledRequest().path("properties").path("lora").path("items");
        assertThat(item.path("properties").propertyNames()).containsExactly("model", "weight");
        assertThat(item.path("required").toString()).isEqualTo("[\"model\"]");
        assertThat(item.has("dependentRequired")).isFalse();
    }

    @Test
    void omitDropsPropertiesAndPropertiesMergeOneByOne() throws IOException {
        model(request(", \"lora\": {\"type\": \"array\", \"items\": {\"$use\": \"image/lora-item\", \"$omit\": [\"extra\"], "
                + "\"properties\": {\"weight\": {\"type\": \"number\", \"maximum\": 2}}}}"));
        JsonNode item = assembledRequest().path("properties").path("lora").path("items");
        assertThat(item.path("properties").propertyNames()).containsExactly("model", "weight");
        assertThat(item.path("properties").path("weight").path("maximum").asInt()).isEqualTo(2);
    }

    @Test
    void descriptionsPreferTheParentQualifiedKeyAndNeverOverwrite() throws IOException {
        model(request(", \"ttl\": {\"$use\": \"common/ttl\"}, \"weight\": {\"type\": \"number\", \"description\": \"Own words.\"}, "
                + "\"lora\": {\"type\": \"array\", \"items\": {\"$use\": \"image/lora-item\"}}"));
        JsonNode props = assembledRequest().path("properties");
        assertThat(props.path("ttl").path("description").asString()).isEqualTo("How long the file lives.");
        assertThat(props.path("weight").path("description").asString()).isEqualTo("Own words.");
        assertThat(props.path("lora").path("items").path("properties").path("weight").path("description").asString()).isEqualTo("LoRA strength.");
    }

    @Test
    void requestSchemasGetTheDialect() throws IOException {
        model(request(""));
        assertThat(assembledRequest().path("$schema").asString()).isEqualTo(SnapshotAssembler.DIALECT);
    }

    @Test
    void catalogEntriesAreFilledFromTheModel() throws IOException {
        model(request(""));
        JsonNode catalog = Snapshot.MAPPER.readTree(new SnapshotAssembler(root).assemble().catalog());
        assertThat(catalog.get(0).toString()).isEqualTo("{\"air\":\"acme:1@1\",\"slug\":\"acme-one\",\"creator\":\"acme\",\"taskType\":\"imageInference\"}");
    }

    @Test
    void aMissingFragmentIsNamedWithFileAndPointer() throws IOException {
        model(request(", \"ttl\": {\"$use\": \"common/nope\"}"));
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble())
                .isInstanceOf(SnapshotAssembler.AuthoringException.class)
                .hasMessageContaining("acme-one.json#/requestSchema/properties/ttl/$use")
                .hasMessageContaining("common/nope");
    }

    @Test
    void aMisspelledDirectiveIsRejected() throws IOException {
        model(request(", \"ttl\": {\"$uses\": \"common/ttl\"}"));
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble()).hasMessageContaining("$uses").hasMessageContaining("unknown directive");
    }

    @Test
    void pickingAPropertyTheFragmentLacksIsRejected() throws IOException {
        model(request(", \"lora\": {\"$use\": \"image/lora-item\", \"$pick\": [\"strength\"]}"));
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble()).hasMessageContaining("has no property 'strength'");
    }

    @Test
    void fragmentCyclesAreReported() throws IOException {
        write("fragments/a.json", "{\"$use\": \"b\"}");
        write("fragments/b.json", "{\"$use\": \"a\"}");
        model(request(", \"x\": {\"$use\": \"a\"}"));
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble()).hasMessageContaining("fragment cycle");
    }

    @Test
    void referencesMustStayInsideTheSchema() throws IOException {
        model(request(", \"x\": {\"$ref\": \"https://example.com/other.json\"}"));
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble()).hasMessageContaining("only local references");
    }

    @Test
    void danglingLocalReferencesAreRejected() throws IOException {
        model(request(", \"x\": {\"$ref\": \"#/$defs/missing\"}"));
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble()).hasMessageContaining("does not resolve");
    }

    @Test
    void theModelConstMustBeTheFilesAir() throws IOException {
        model(request("").replace("\"const\": \"acme:1@1\"", "\"const\": \"acme:2@1\""));
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble()).hasMessageContaining("expected the model's AIR 'acme:1@1'");
    }

    @Test
    void theSlugMustMatchTheFileName() throws IOException {
        write("models/acme/acme-two.json", "{\"slug\": \"acme-one\", \"air\": \"acme:1@1\", \"requestSchema\": " + request("")
                + ", \"responseSchema\": {\"type\": \"object\"}}");
        assertThatThrownBy(() -> new SnapshotAssembler(root).assemble()).hasMessageContaining("does not match the file name");
    }

    @Test
    void outputIsStableAcrossRuns() throws IOException {
        model(request(", \"ttl\": {\"$use\": \"common/ttl\"}"));
        assertThat(new SnapshotAssembler(root).assemble()).isEqualTo(new SnapshotAssembler(root).assemble());
    }
}
