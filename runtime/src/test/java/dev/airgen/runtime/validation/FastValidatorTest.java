package dev.airgen.runtime.validation;

import static dev.airgen.runtime.validation.FastValidator.Verdict.INVALID;
import static dev.airgen.runtime.validation.FastValidator.Verdict.UNSURE;
import static dev.airgen.runtime.validation.FastValidator.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.airgen.runtime.types.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Keyword by keyword: what the shortcut answers, and that networknt (configured as
 * {@link SchemaValidator} configures it) agrees whenever the answer is not UNSURE.
 */
class FastValidatorTest {

    /** The shortcut's verdict, after checking it against networknt. */
    private static FastValidator.Verdict verdict(String schema, String instance) {
        JsonNode schemaNode = Json.mapper().readTree(schema);
        JsonNode instanceNode = Json.mapper().readTree(instance);
        FastValidator fast = FastValidator.compile(schemaNode);
        assertThat(fast).as("compiles: " + schema).isNotNull();
        FastValidator.Verdict verdict = fast.check(instanceNode);
        if (verdict != UNSURE) {
            boolean networkntValid = networknt(schemaNode).validate(instanceNode).isEmpty();
            assertThat(networkntValid).as("networknt agrees that " + instance + " is " + verdict + " for " + schema)
                    .isEqualTo(verdict == VALID);
        }
        return verdict;
    }

    /** networknt configured as {@link SchemaValidator} configures it, alone. */
    static Schema networknt(JsonNode schema) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        Schema compiled = registry.getSchema(SchemaLocation.of("urn:test:schema"), schema);
        compiled.initializeValidators();
        return compiled;
    }

    @Test
    void typesAreExactExceptWholeNumbersWrittenWithAFraction() {
        String integer = "{\"type\":\"integer\"}";
        assertThat(verdict(integer, "3")).isEqualTo(VALID);
        assertThat(verdict(integer, "\"3\"")).isEqualTo(INVALID);
        assertThat(verdict(integer, "3.5")).isEqualTo(UNSURE);
        assertThat(verdict(integer, "3.0")).isEqualTo(UNSURE);
        assertThat(verdict("{\"type\":\"number\"}", "3.5")).isEqualTo(VALID);
        assertThat(verdict("{\"type\":[\"string\",\"null\"]}", "null")).isEqualTo(VALID);
        assertThat(verdict("{\"type\":[\"string\",\"null\"]}", "true")).isEqualTo(INVALID);
        assertThat(verdict("{\"type\":\"object\"}", "[]")).isEqualTo(INVALID);
    }

    @Test
    void enumAndConstProveAMissOnlyWhenNoValueCouldBeEqual() {
        String strings = "{\"enum\":[\"png\",\"jpg\"]}";
        assertThat(verdict(strings, "\"png\"")).isEqualTo(VALID);
        assertThat(verdict(strings, "\"PNG\"")).isEqualTo(INVALID);
        assertThat(verdict(strings, "3")).isEqualTo(INVALID);
        String numbers = "{\"enum\":[1024, 2048]}";
        assertThat(verdict(numbers, "1024")).isEqualTo(VALID);
        assertThat(verdict(numbers, "1000")).isEqualTo(INVALID);
        assertThat(verdict(numbers, "1024.0")).isEqualTo(UNSURE);
        assertThat(verdict("{\"enum\":[1, 2.5]}", "3")).isEqualTo(INVALID);
        assertThat(verdict("{\"enum\":[1, 2.5]}", "1")).isEqualTo(VALID);
        assertThat(verdict("{\"const\":{\"a\":1}}", "{\"a\":1}")).isEqualTo(VALID);
        assertThat(verdict("{\"const\":{\"a\":1}}", "{\"a\":2}")).isEqualTo(UNSURE);
    }

    @Test
    void boundsAreInclusiveOrExclusiveAsWritten() {
        String range = "{\"minimum\":1,\"maximum\":50}";
        assertThat(verdict(range, "1")).isEqualTo(VALID);
        assertThat(verdict(range, "50")).isEqualTo(VALID);
        assertThat(verdict(range, "50.5")).isEqualTo(INVALID);
        assertThat(verdict(range, "0")).isEqualTo(INVALID);
        assertThat(verdict(range, "\"text is not checked\"")).isEqualTo(VALID);
        String open = "{\"exclusiveMinimum\":0,\"exclusiveMaximum\":1}";
        assertThat(verdict(open, "0")).isEqualTo(INVALID);
        assertThat(verdict(open, "0.25")).isEqualTo(VALID);
        assertThat(verdict(open, "1")).isEqualTo(INVALID);
    }

    @Test
    void multipleOfIsDecidedForWholeNumbersOnly() {
        assertThat(verdict("{\"multipleOf\":64}", "1024")).isEqualTo(VALID);
        assertThat(verdict("{\"multipleOf\":64}", "1000")).isEqualTo(INVALID);
        assertThat(verdict("{\"multipleOf\":64}", "1024.5")).isEqualTo(UNSURE);
        assertThat(verdict("{\"multipleOf\":0.1}", "0.3")).isEqualTo(UNSURE);
    }

    @Test
    void lengthsCountCodePointsAndDeferWhenUtf16UnitsWouldDisagree() {
        String max = "{\"maxLength\":3}";
        assertThat(verdict(max, "\"abc\"")).isEqualTo(VALID);
        assertThat(verdict(max, "\"abcd\"")).isEqualTo(INVALID);
        assertThat(verdict(max, "\"ab\\uD83D\\uDE00\"")).isEqualTo(UNSURE);
        assertThat(verdict("{\"minLength\":1}", "\"\"")).isEqualTo(INVALID);
    }

    @Test
    void patternsSearchAnywhereUnlessAnchored() {
        assertThat(verdict("{\"pattern\":\"b\"}", "\"abc\"")).isEqualTo(VALID);
        assertThat(verdict("{\"pattern\":\"^b\"}", "\"abc\"")).isEqualTo(INVALID);
        assertThat(verdict("{\"pattern\":\"^[a-z]+:[0-9]+@[0-9a-z-]+$\"}", "\"runware:101@1\"")).isEqualTo(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"not a uri\"", "\"data:image/png;base64,iVBORw0KGgo=\"", "\"//host/path\"", "\"urn:x\""})
    void formatsOtherThanPlainUrlsAndUuidsAreNetworkntsToDecide(String value) {
        assertThat(verdict("{\"format\":\"uri\"}", value)).isEqualTo(UNSURE);
        assertThat(verdict("{\"format\":\"duration\"}", value)).isEqualTo(UNSURE);
        assertThat(verdict("{\"format\":\"regex\"}", value)).isEqualTo(UNSURE);
        assertThat(verdict("{\"format\":\"date-time\"}", value)).isEqualTo(UNSURE);
    }

    @Test
    void formatsLeaveOtherKindsAlone() {
        assertThat(verdict("{\"format\":\"uri\"}", "\"https://example.com/a.png\"")).isEqualTo(VALID);
        assertThat(verdict("{\"format\":\"uri\"}", "42")).isEqualTo(VALID);
        assertThat(verdict("{\"format\":\"duration\"}", "42")).isEqualTo(VALID);
    }

    @Test
    void signedZeroIsZero() {
        assertThat(verdict("{\"minimum\":0}", "-0.0")).isEqualTo(VALID);
        assertThat(verdict("{\"not\":{\"minimum\":0}}", "-0.0")).isEqualTo(INVALID);
        assertThat(verdict("{\"exclusiveMaximum\":0}", "-0.0")).isEqualTo(INVALID);
        assertThat(verdict("{\"minimum\":0.5}", "-0.0")).isEqualTo(INVALID);
    }

    /** Random strings near the plain-URL shape: whenever the shortcut accepts one, networknt must too. */
    @Test
    void everyPlainWebUrlTheShortcutAcceptsIsAUriToNetworknt() {
        com.networknt.schema.format.Format uri = com.networknt.schema.format.Formats.DEFAULT.stream()
                .filter(f -> f.getName().equals("uri")).findFirst().orElseThrow();
        String alphabet = "ab9.-_~!$&'()*+,;=:@/?#%[] \u00e9";
        java.util.Random random = new java.util.Random(7);
        int accepted = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder(random.nextBoolean() ? "https://" : "http://");
            for (int i = random.nextInt(8); i >= 0; i--) {
                s.append("ab9.-".charAt(random.nextInt(5)));
            }
            if (random.nextInt(4) == 0) {
                s.append(':').append(random.nextInt(100_000));
            }
            int length = random.nextInt(24);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            if (FastValidator.plainWebUrl(text)) {
                accepted++;
                assertThat(uri.matches(new com.networknt.schema.ExecutionContext(), text)).as(text).isTrue();
            }
        }
        assertThat(accepted).as("strings the shortcut accepted").isGreaterThan(300);
        assertThat(FastValidator.plainWebUrl("https://im.runware.ai/image/ws/2/ii/0c2e.webp?x=1&y=2")).isTrue();
        assertThat(FastValidator.plainWebUrl("https://")).isFalse();
        assertThat(FastValidator.plainWebUrl("https://host/a%20b")).isFalse();
        assertThat(FastValidator.plainWebUrl("ftp://host/a")).isFalse();
    }

    @Test
    void uuidFormat() {
        assertThat(verdict("{\"format\":\"uuid\"}", "\"6e1a8c53-5b4f-4d63-9d8f-2c7a1e0b9f41\"")).isEqualTo(VALID);
        assertThat(verdict("{\"format\":\"uuid\"}", "\"6e1a8c53\"")).isEqualTo(UNSURE);
    }

    @Test
    void objectKeywords() {
        String schema = "{\"type\":\"object\",\"required\":[\"a\"],\"properties\":{\"a\":{\"type\":\"string\"}},"
                + "\"additionalProperties\":false,\"dependentRequired\":{\"b\":[\"c\"]},\"maxProperties\":3}";
        assertThat(verdict(schema, "{\"a\":\"x\"}")).isEqualTo(VALID);
        assertThat(verdict(schema, "{}")).isEqualTo(INVALID);
        assertThat(verdict(schema, "{\"a\":1}")).isEqualTo(INVALID);
        assertThat(verdict(schema, "{\"a\":\"x\",\"extra\":1}")).isEqualTo(INVALID);
        String dependent = "{\"dependentRequired\":{\"b\":[\"c\"]}}";
        assertThat(verdict(dependent, "{\"b\":1}")).isEqualTo(INVALID);
        assertThat(verdict(dependent, "{\"b\":1,\"c\":2}")).isEqualTo(VALID);
        String typedExtras = "{\"properties\":{\"a\":{}},\"additionalProperties\":{\"type\":\"integer\"}}";
        assertThat(verdict(typedExtras, "{\"a\":\"x\",\"b\":2}")).isEqualTo(VALID);
        assertThat(verdict(typedExtras, "{\"a\":\"x\",\"b\":\"y\"}")).isEqualTo(INVALID);
    }

    @Test
    void arrayKeywords() {
        String schema = "{\"type\":\"array\",\"items\":{\"type\":\"string\"},\"minItems\":1,\"maxItems\":2,\"uniqueItems\":true}";
        assertThat(verdict(schema, "[\"a\",\"b\"]")).isEqualTo(VALID);
        assertThat(verdict(schema, "[]")).isEqualTo(INVALID);
        assertThat(verdict(schema, "[\"a\",\"b\",\"c\"]")).isEqualTo(INVALID);
        assertThat(verdict(schema, "[\"a\",\"a\"]")).isEqualTo(INVALID);
        assertThat(verdict(schema, "[\"a\",1]")).isEqualTo(INVALID);
        assertThat(verdict("{\"uniqueItems\":true}", "[{\"a\":1},{\"a\":1}]")).isEqualTo(UNSURE);
        assertThat(verdict("{\"contains\":{\"const\":\"x\"}}", "[\"a\",\"x\"]")).isEqualTo(VALID);
        assertThat(verdict("{\"contains\":{\"const\":\"x\"}}", "[\"a\",\"b\"]")).isEqualTo(INVALID);
    }

    @Test
    void oneOfNeedsExactlyOneSureMatchAndSureMissesElsewhere() {
        String frame = "{\"oneOf\":[{\"type\":\"string\",\"enum\":[\"first\",\"last\"]},{\"type\":\"integer\",\"minimum\":0}]}";
        assertThat(verdict(frame, "\"first\"")).isEqualTo(VALID);
        assertThat(verdict(frame, "3")).isEqualTo(VALID);
        assertThat(verdict(frame, "-1")).isEqualTo(INVALID);
        assertThat(verdict(frame, "3.0")).isEqualTo(UNSURE);
        String overlapping = "{\"oneOf\":[{\"type\":\"integer\"},{\"minimum\":0}]}";
        assertThat(verdict(overlapping, "5")).isEqualTo(INVALID);
        assertThat(verdict(overlapping, "-5")).isEqualTo(VALID);
    }

    @Test
    void anyOfAllOfAndNot() {
        String any = "{\"anyOf\":[{\"required\":[\"a\"]},{\"required\":[\"b\"]}]}";
        assertThat(verdict(any, "{\"b\":1}")).isEqualTo(VALID);
        assertThat(verdict(any, "{\"c\":1}")).isEqualTo(INVALID);
        String all = "{\"allOf\":[{\"required\":[\"a\"]},{\"required\":[\"b\"]}]}";
        assertThat(verdict(all, "{\"a\":1,\"b\":1}")).isEqualTo(VALID);
        assertThat(verdict(all, "{\"a\":1}")).isEqualTo(INVALID);
        String exclusive = "{\"not\":{\"required\":[\"seedImage\",\"referenceImages\"]}}";
        assertThat(verdict(exclusive, "{\"seedImage\":\"x\"}")).isEqualTo(VALID);
        assertThat(verdict(exclusive, "{\"seedImage\":\"x\",\"referenceImages\":[]}")).isEqualTo(INVALID);
        assertThat(verdict("{\"not\":{\"type\":\"integer\"}}", "1.0")).isEqualTo(UNSURE);
    }

    @Test
    void conditionsFollowTheBranchTheIfTakes() {
        String schema = "{\"if\":{\"required\":[\"width\"]},\"then\":{\"required\":[\"height\"]},"
                + "\"else\":{\"properties\":{\"height\":false}}}";
        assertThat(verdict(schema, "{\"width\":512,\"height\":512}")).isEqualTo(VALID);
        assertThat(verdict(schema, "{\"width\":512}")).isEqualTo(INVALID);
        assertThat(verdict(schema, "{}")).isEqualTo(VALID);
        assertThat(verdict(schema, "{\"height\":512}")).isEqualTo(INVALID);
        String unsureCondition = "{\"if\":{\"type\":\"integer\"},\"then\":{\"minimum\":0}}";
        assertThat(verdict(unsureCondition, "2.0")).isEqualTo(VALID);
        assertThat(verdict(unsureCondition, "-2.0")).isEqualTo(UNSURE);
    }

    @Test
    void localReferencesIncludingRecursiveOnes() {
        String tree = "{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"children\":{\"type\":\"array\","
                + "\"items\":{\"$ref\":\"#/$defs/node\"}},\"name\":{\"type\":\"string\"}}}},\"$ref\":\"#/$defs/node\"}";
        assertThat(verdict(tree, "{\"name\":\"a\",\"children\":[{\"name\":\"b\",\"children\":[]}]}")).isEqualTo(VALID);
        assertThat(verdict(tree, "{\"name\":\"a\",\"children\":[{\"name\":7}]}")).isEqualTo(INVALID);
        assertThat(verdict("false", "1")).isEqualTo(INVALID);
        assertThat(verdict("true", "1")).isEqualTo(VALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"patternProperties\":{\"^x\":{}}}",
            "{\"unevaluatedProperties\":false}",
            "{\"items\":[{\"type\":\"string\"}]}",
            "{\"$ref\":\"https://example.com/other.json\"}",
            "{\"$ref\":\"#/$defs/missing\"}",
            "{\"properties\":{\"a\":{\"$id\":\"inner.json\"}}}",
            "{\"format\":\"a-format-nobody-defined\"}",
            "{\"$schema\":\"http://json-schema.org/draft-04/schema#\"}",
            "{\"type\":\"decimal\"}",
            "{\"minLength\":1.5}"})
    void anythingElseLeavesTheSchemaToNetworknt(String schema) {
        assertThat(FastValidator.compile(Json.mapper().readTree(schema))).isNull();
    }
}
