package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.testing.Snapshots;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Which repeated shapes become one type, and which stay apart. */
class SharedTypesTest {

    @TempDir
    Path dir;

    @Test
    void equalEnumerationsShareATypePerParameterButNotAcrossParameters() {
        ObjectNode bundle = Snapshots.object(Snapshots.bundleWithProperties("""
                "channels":{"type":"integer","enum":[1,2]},"quality":{"type":"integer","enum":[1,2]},
                "outputFormat":{"type":"string","enum":["PNG","JPG"]}"""));
        ObjectNode second = (ObjectNode) bundle.get("inference").get(0).deepCopy();
        second.put("slug", "test-model-two").put("air", "test:2@1");
        ((ObjectNode) second.at("/requestSchema/properties/model")).put("const", "test:2@1");
        ((ArrayNode) bundle.get("inference")).add(second);

        GenerationResult result = new Generator().generate(GeneratorConfig.of(
                Snapshots.write(dir, Map.of("schema-map.json", bundle.toString())), "dev.airgen.test.shared"));

        List<String> enums = result.files().stream()
                .filter(f -> f.kind() == GeneratedFile.Kind.SOURCE && f.text().contains("extends OpenEnum<"))
                .map(GeneratedFile::relativePath).sorted().toList();
        // one type per parameter, shared by both models; channels and quality never share one
        assertThat(enums).hasSize(3);
        String request = result.files().stream().filter(f -> f.relativePath().endsWith("/TestModelRequest.java"))
                .findFirst().orElseThrow().text();
        String channelsType = fieldType(request, "channels");
        String qualityType = fieldType(request, "quality");
        assertThat(channelsType).isNotEqualTo(qualityType);
        String other = result.files().stream().filter(f -> f.relativePath().endsWith("/TestModelTwoRequest.java"))
                .findFirst().orElseThrow().text();
        assertThat(fieldType(other, "channels")).isEqualTo(channelsType);
        assertThat(fieldType(other, "outputFormat")).isEqualTo(fieldType(request, "outputFormat"));
    }

    private static String fieldType(String source, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("private final (\\w+) " + field + ";").matcher(source);
        assertThat(m.find()).as("field " + field).isTrue();
        return m.group(1);
    }
}
