package dev.airgen.runtime.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@link JsonTreeBuilder} builds, node for node, the tree Jackson builds for the same value. */
class JsonTreeBuilderTest {

    /** Jackson alone, going by the annotations. */
    private static final JsonMapper ANNOTATIONS = JsonMapper.builder().build();

    static final class Style extends OpenEnum<String> {
        Style(String value, boolean known) {
            super(value, known);
        }
    }

    static final class Steps extends OpenEnum<Integer> {
        Steps(Integer value) {
            super(value, true);
        }
    }

    static final class Frame extends UnionValue {
        Frame(String variant, Object value) {
            super(variant, value);
        }
    }

    private static void sameAsJackson(Object value) {
        JsonNode tree = JsonTreeBuilder.of(value);
        assertThat(tree).as(String.valueOf(value)).isEqualTo(ANNOTATIONS.valueToTree(value));
        assertThat(tree.getClass()).as(String.valueOf(value)).isEqualTo(ANNOTATIONS.valueToTree(value).getClass());
    }

    @Test
    void scalarsKeepTheirNodeKinds() {
        for (Object scalar : Arrays.asList(null, "text \"quoted\"\n", -7, 1L << 40, 3.5, 1e21, -0.0, true,
                new BigDecimal("0.10"), new BigInteger("123456789012345678901234567890"))) {
            sameAsJackson(scalar);
        }
        assertThat(JsonTreeBuilder.of(7).isInt()).isTrue();
        assertThat(JsonTreeBuilder.of(7L).isLong()).isTrue();
    }

    @Test
    void theRuntimesValueTypesBecomeWhatTheySend() {
        sameAsJackson(new Style("cinematic", true));
        sameAsJackson(new Style("a value the schema never listed", false));
        sameAsJackson(new Steps(30));
        sameAsJackson(MediaInput.url("https://example.com/a.png"));
        sameAsJackson(new Frame("image", MediaInput.uuid(UUID.fromString("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"))));
        sameAsJackson(new Frame("unknown", JsonValue.of(Map.of("odd", List.of(1, 2.5)))));
        sameAsJackson(JsonValue.of(Arrays.asList("x", null, Map.of("n", 1), List.of(true))));
        sameAsJackson(JsonValue.NULL);
    }

    @Test
    void generatedObjectsListTheirSetPairsThenTheirAdditionalProperties() {
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        extra.put("z", JsonValue.of(List.of(1, "two")));
        extra.put("a", JsonValue.NULL);
        GeneratedObjectSerializerTest.Marked inner = new GeneratedObjectSerializerTest.Marked(null, new Style("s", true), null);
        GeneratedObjectSerializerTest.Marked outer = new GeneratedObjectSerializerTest.Marked("x",
                List.of(inner, Map.of("k", new Steps(4))), extra);

        assertThat(JsonTreeBuilder.of(outer).toString()).isEqualTo("{\"name\":\"x\",\"onlyInPairs\":\"listed\",\"nested\":"
                + "[{\"onlyInPairs\":\"listed\",\"nested\":\"s\"},{\"k\":4}],\"z\":[1,\"two\"],\"a\":null}");
        assertThat(Json.mapper().writeValueAsString(outer)).isEqualTo(JsonTreeBuilder.of(outer).toString());
        sameAsJackson(new GeneratedObjectSerializerTest.Scalars("t", 1, 2L, 0.5, false));
    }

    @Test
    void otherTypesAreLeftToTheRuntimesMapper() {
        sameAsJackson(URI.create("https://example.com/x"));
        sameAsJackson(UUID.fromString("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"));
        sameAsJackson(new String[] {"a", "b"});
    }
}
