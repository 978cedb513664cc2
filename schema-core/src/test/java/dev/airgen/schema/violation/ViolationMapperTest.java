package dev.airgen.schema.violation;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ViolationMapperTest {

    private static final String LOCATION = "urn:airgen:test";

    private static final JsonNode SCHEMA = json("""
            {'type': 'object', 'additionalProperties': false,
             'required': ['prompt'],
             'properties': {
               'prompt': {'type': 'string'},
               'width': {'type': 'integer', 'minimum': 64},
               'seedImage': {'type': 'string'}, 'strength': {'type': 'number'},
               'lora': {'type': 'array', 'items': {'type': 'object', 'properties': {'weight': {'type': 'number', 'maximum': 2}}}},
               'size': {'anyOf': [{'type': 'integer'}, {'type': 'string', 'enum': ['auto']}]},
               'delivery': {'oneOf': [{'const': 'sync'}, {'const': 'async'}]},
               'providerSettings': {'type': 'object', 'additionalProperties': false,
                                    'properties': {'acme': {'type': 'object'}}}},
             'dependentRequired': {'strength': ['seedImage']},
             'oneOf': [{'title': 'by prompt', 'not': {'required': ['seedImage']}},
                       {'title': 'from an image', 'required': ['seedImage']}],
             'if': {'properties': {'width': {'const': 64}}, 'required': ['width']},
             'then': {'required': ['size']}}
            """);

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text.replace('\'', '"'));
    }

    private static List<Finding> findings(String request) {
        Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, b -> { })
                .getSchema(SchemaLocation.of(LOCATION), SCHEMA);
        return ViolationMapper.over(Map.of(LOCATION, SCHEMA)).map(schema.validate(json(request)));
    }

    private static List<String> coded(String request, Set<String> providers) {
        return findings(request).stream().map(f -> RunwareStyle.of(f, providers))
                .map(c -> c.code() + " " + c.parameters()).toList();
    }

    @Test
    void namesTheParameterOfEachRuleWithIndicesInPathsAndNotInNames() {
        List<Finding> found = findings("{'prompt': 'a', 'lora': [{'weight': 1}, {'weight': 3}], 'colour': 1}");
        assertThat(found).extracting(Finding::keyword).containsExactlyInAnyOrder("maximum", "additionalProperties");
        Finding weight = found.stream().filter(f -> f.keyword().equals("maximum")).findFirst().orElseThrow();
        assertThat(weight.paths()).containsExactly("lora[1].weight");
        assertThat(weight.parameters()).containsExactly("lora.weight");
    }

    @Test
    void aFailedAnyOfIsOneFindingAndItsBranchErrorsAreFolded() {
        List<Finding> found = findings("{'prompt': 'a', 'size': 'big'}");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).keyword()).isEqualTo("anyOf");
        assertThat(found.get(0).parameters()).containsExactly("size");
    }

    @Test
    void alternativesOfConstantsListTheAllowedValues() {
        Finding found = findings("{'prompt': 'a', 'delivery': 'stream'}").get(0);
        assertThat(found.parameters()).containsExactly("delivery");
        assertThat(found.message()).endsWith(" (allowed: sync; async)");
    }

    @Test
    void crossFieldRulesNameEveryPropertyAndListTheBranchTitles() {
        List<Finding> found = findings("{'prompt': 'a', 'strength': 0.5}");
        assertThat(found).extracting(Finding::keyword).contains("dependentRequired");
        Finding dependent = found.stream().filter(f -> f.keyword().equals("dependentRequired")).findFirst().orElseThrow();
        assertThat(dependent.parameters()).containsExactly("seedImage", "strength");
    }

    @Test
    void aRuleUnderThenAlsoNamesWhatItsIfLooksAt() {
        Finding found = findings("{'prompt': 'a', 'width': 64}").get(0);
        assertThat(found.keyword()).isEqualTo("required");
        assertThat(found.parameters()).containsExactly("size", "width");
    }

    @Test
    void numbersNoLongOrDoubleHoldsAreFoundWithTheirPaths() {
        assertThat(ViolationMapper.extremeNumbers(json("{'a': 1e308, 'b': [1, -9223372036854775808, 3.5], 'c': {'d': 9223372036854775807}}")))
                .containsExactly("a", "b[1]", "c.d");
        assertThat(ViolationMapper.extremeNumbers(json("1e400"))).containsExactly("");
        assertThat(ViolationMapper.extremeNumbers(json("{'fine': [1, 2.5, -4611686018427387904]}"))).isEmpty();
    }

    @Test
    void runwareStyleGivesCodesAndTellsAWrongProviderFromAnUnknownOne() {
        assertThat(coded("{}", Set.of())).containsExactly("missingPrompt [prompt]");
        assertThat(coded("{'prompt': 'a', 'width': 8}", Set.of())).containsExactly("invalidWidth [width]");
        assertThat(coded("{'prompt': 'a', 'providerSettings': {'other': {}}}", Set.of("other")))
                .containsExactly("mismatchProviderSettingsProvider [providerSettings.other]");
        assertThat(coded("{'prompt': 'a', 'providerSettings': {'nobody': {}}}", Set.of("other")))
                .containsExactly("unknownProviderSettingsProvider [providerSettings.nobody]");
        assertThat(coded("{'prompt': 'a', 'strength': 1}", Set.of())).contains("missingSeedImage [strength, seedImage]");
        assertThat(coded("{'prompt': 'a', 'extra': 1}", Set.of())).containsExactly("unsupportedParameter [extra]");
    }
}
