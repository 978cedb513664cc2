package dev.airgen.runtime.types;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GeneratedObjectSerializerTest {

    /** Its pairs name one property more than its annotations, so the two ways of writing it can be told apart. */
    static final class Marked extends GeneratedObject {
        @JsonProperty("name")
        private final String name;
        private final Object nested;

        Marked(String name, Object nested, Map<String, JsonValue> extra) {
            super(extra);
            this.name = name;
            this.nested = nested;
        }

        @Override
        protected Object[] jsonProperties() {
            return new Object[] {"name", name, "onlyInPairs", "listed", "nested", nested};
        }
    }

    @Test
    void theRuntimesMapperWritesThePairsInOrderSkippingUnsetOnesThenTheAdditionalProperties() {
        Map<String, JsonValue> extra = new LinkedHashMap<>();
        extra.put("z", JsonValue.of(List.of(1, "two")));
        extra.put("a", JsonValue.NULL);
        Marked inner = new Marked(null, null, null);
        Marked outer = new Marked("x", List.of(inner), extra);

        assertThat(Json.mapper().writeValueAsString(outer)).isEqualTo(
                "{\"name\":\"x\",\"onlyInPairs\":\"listed\",\"nested\":[{\"onlyInPairs\":\"listed\"}],\"z\":[1,\"two\"],\"a\":null}");
        // Any other mapper goes by the annotations.
        assertThat(JsonMapper.builder().build().writeValueAsString(outer)).isEqualTo("{\"name\":\"x\",\"z\":[1,\"two\"],\"a\":null}");
    }

    /** Shaped like a generated class (a property creator), holding each scalar type generated properties use. */
    static final class Scalars extends GeneratedObject {
        @JsonProperty("text")
        private final String text;
        @JsonProperty("count")
        private final Integer count;
        @JsonProperty("seed")
        private final Long seed;
        @JsonProperty("scale")
        private final Double scale;
        @JsonProperty("flag")
        private final Boolean flag;

        @JsonCreator
        Scalars(@JsonProperty("text") String text, @JsonProperty("count") Integer count, @JsonProperty("seed") Long seed,
                @JsonProperty("scale") Double scale, @JsonProperty("flag") Boolean flag) {
            super(null);
            this.text = text;
            this.count = count;
            this.seed = seed;
            this.scale = scale;
            this.flag = flag;
        }

        @Override
        protected Object[] jsonProperties() {
            return new Object[] {"text", text, "count", count, "seed", seed, "scale", scale, "flag", flag};
        }
    }

    @Test
    void scalarsAreWrittenAsJacksonWritesThem() {
        JsonMapper annotations = JsonMapper.builder().build();
        for (double scale : new double[] {1.0, 3.5, 1e-7, 1e21, -0.0, Double.MAX_VALUE}) {
            Scalars value = new Scalars("a \"quoted\" line\n\u2028", -7, 1L << 40, scale, false);
            assertThat(Json.mapper().writeValueAsString(value)).isEqualTo(annotations.writeValueAsString(value));
        }
    }

    @Test
    void aCopyOfTheRuntimesMapperKeepsWritingFromThePairs() {
        Marked value = new Marked("x", null, null);
        assertThat(Json.mapper().rebuild().build().writeValueAsString(value)).isEqualTo("{\"name\":\"x\",\"onlyInPairs\":\"listed\"}");
    }
}
