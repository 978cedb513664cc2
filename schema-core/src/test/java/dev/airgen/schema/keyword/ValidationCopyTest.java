package dev.airgen.schema.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Leaving annotations out of a schema, and nothing else. */
class ValidationCopyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void dropsAnnotationsAtEveryPlaceASchemaCanStand() {
        JsonNode schema = json("""
                {'$schema': 'https://json-schema.org/draft/2019-09/schema', 'title': 'T', 'description': 'd',
                 '$comment': 'c', 'x-response-schema': 'r.json', 'type': 'object',
                 'properties': {'a': {'type': 'integer', 'default': 1, 'examples': [2], 'deprecated': true, 'minimum': 0}},
                 'items': [{'description': 'first', 'type': 'string'}, {'title': 'second'}],
                 'additionalItems': {'readOnly': true, 'writeOnly': true},
                 'allOf': [{'if': {'description': 'i', 'required': ['a']}, 'then': {'title': 't', 'maxProperties': 3},
                            'else': {'description': 'e', 'not': {'description': 'n', 'required': ['b']}}}],
                 'anyOf': [{'title': 'A', 'type': 'string'}, true],
                 '$defs': {'d': {'description': 'x', 'contains': {'description': 'y', 'const': 1}}},
                 'dependencies': {'a': {'description': 'z', 'required': ['c']}, 'b': ['a']},
                 'patternProperties': {'^x': {'description': 'p'}}}
                """);

        assertThat(ValidationCopy.withoutAnnotations(schema)).isEqualTo(json("""
                {'$schema': 'https://json-schema.org/draft/2019-09/schema', 'type': 'object',
                 'properties': {'a': {'type': 'integer', 'minimum': 0}},
                 'items': [{'type': 'string'}, {}],
                 'additionalItems': {},
                 'allOf': [{'if': {'required': ['a']}, 'then': {'maxProperties': 3},
                            'else': {'not': {'required': ['b']}}}],
                 'anyOf': [{'type': 'string'}, true],
                 '$defs': {'d': {'contains': {'const': 1}}},
                 'dependencies': {'a': {'required': ['c']}, 'b': ['a']},
                 'patternProperties': {'^x': {}}}
                """));
    }

    @Test
    void keepsNamesDataAndUnknownKeywordsThatLookLikeAnnotations() {
        // A property, a definition and a dependency may be called like an annotation; enum and const values,
        // required and dependentRequired lists, and keywords the table does not know are not schemas.
        JsonNode schema = json("""
                {'properties': {'description': {'type': 'string'}, 'title': {'description': 'gone', 'minLength': 1}},
                 'required': ['description', 'title'],
                 'dependentRequired': {'title': ['description']},
                 '$defs': {'default': {'type': 'integer'}},
                 'enum': [{'description': 'kept'}],
                 'const': {'title': 'kept'},
                 'x-vendor': {'description': 'kept', 'properties': {'a': {'title': 'kept'}}}}
                """);

        // Only the description of the property called title goes.
        ObjectNode expected = (ObjectNode) schema.deepCopy();
        ((ObjectNode) expected.get("properties").get("title")).remove("description");

        assertThat(ValidationCopy.withoutAnnotations(schema)).isEqualTo(expected);
    }

    @Test
    void sharesWhatHasNoAnnotationInside() {
        JsonNode schema = json("""
                {'type': 'object', 'description': 'd',
                 'properties': {'a': {'type': 'string'}, 'b': {'items': {'type': 'integer'}, 'title': 't'}},
                 'anyOf': [{'required': ['a']}, {'required': ['b'], 'description': 'd'}],
                 '$defs': {'x': {'minimum': 0}}}
                """);

        JsonNode copy = ValidationCopy.withoutAnnotations(schema);

        assertThat(copy).isNotSameAs(schema);
        assertThat(copy.get("properties")).isNotSameAs(schema.get("properties"));
        assertThat(copy.get("properties").get("a")).isSameAs(schema.get("properties").get("a"));
        assertThat(copy.get("properties").get("b").get("items")).isSameAs(schema.get("properties").get("b").get("items"));
        assertThat(copy.get("anyOf").get(0)).isSameAs(schema.get("anyOf").get(0));
        assertThat(copy.get("anyOf").get(1)).isEqualTo(json("{'required': ['b']}"));
        assertThat(copy.get("$defs")).isSameAs(schema.get("$defs"));
        assertThat(copy.get("required")).isNull();
        JsonNode plain = json("{'type': 'object', 'properties': {'a': {'enum': [{'description': 'data'}]}}}");
        assertThat(ValidationCopy.withoutAnnotations(plain)).isSameAs(plain);
    }

    @Test
    void leavesItsInputAloneAndNonObjectsAsTheyAre() {
        JsonNode schema = json("{'description': 'd', 'properties': {'a': {'title': 't'}}}");
        JsonNode before = schema.deepCopy();

        ValidationCopy.withoutAnnotations(schema);

        assertThat(schema).isEqualTo(before);
        assertThat(ValidationCopy.withoutAnnotations(json("true"))).isEqualTo(json("true"));
        assertThat(ValidationCopy.withoutAnnotations(json("[1]"))).isEqualTo(json("[1]"));
    }
}
