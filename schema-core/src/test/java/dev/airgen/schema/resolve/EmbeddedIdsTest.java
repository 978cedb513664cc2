package dev.airgen.schema.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EmbeddedIdsTest {

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text.replace('\'', '"'));
    }

    @Test
    void findsEmbeddedResourcesAndAnchorsAndSkipsDataNamesAndFragments() {
        JsonNode schema = json("""
                {'$id': 'https://x.invalid/root.json', '$anchor': 'top',
                 'properties': {'$id': {'type': 'string'}, 'a': {'$id': '#only-a-fragment', '$anchor': 'a'}},
                 'enum': [{'$id': 'https://x.invalid/data.json'}],
                 'default': {'$id': 'https://x.invalid/default.json'},
                 '$defs': {'inner': {'$id': 'inner/one.json', '$anchor': 'deep',
                                     'items': {'$id': 'two.json'}}}}
                """);
        List<String> seen = new ArrayList<>();
        EmbeddedIds.walk(schema, "root", URI.create("https://x.invalid/root.json"), new EmbeddedIds.Visitor<String>() {
            @Override
            public String resource(String enclosing, String pointer, JsonNode node, URI id) {
                seen.add("resource " + id + " at " + enclosing + "#" + pointer);
                return id.toString();
            }

            @Override
            public void anchor(String resource, URI base, String pointer, String anchor) {
                seen.add("anchor " + anchor + " in " + base + " at " + pointer);
            }
        });
        assertThat(seen).containsExactly(
                "anchor top in https://x.invalid/root.json at ",
                "anchor a in https://x.invalid/root.json at /properties/a",
                "resource https://x.invalid/inner/one.json at root#/$defs/inner",
                "anchor deep in https://x.invalid/inner/one.json at ",
                "resource https://x.invalid/inner/two.json at https://x.invalid/inner/one.json#/items");
    }

    @Test
    void localReferencesAreFollowedAndOthersLeftAsWritten() {
        JsonNode root = json("{'$defs': {'a': {'$ref': '#/$defs/b'}, 'b': {'type': 'integer'}}, 'x': {'$ref': 'other.json'},"
                + " 'y': {'$ref': '#anchor'}, 'z': {'$ref': '#/nothing'}, 'loop': {'$ref': '#/loop'}}");
        assertThat(LocalRefs.follow(root.at("/$defs/a"), root)).isSameAs(root.at("/$defs/b"));
        assertThat(LocalRefs.follow(root.get("x"), root)).isSameAs(root.get("x"));
        assertThat(LocalRefs.follow(root.get("y"), root)).isSameAs(root.get("y"));
        assertThat(LocalRefs.follow(root.get("z"), root)).isSameAs(root.get("z"));
        assertThat(LocalRefs.follow(root.get("loop"), root)).isSameAs(root.get("loop"));
    }
}
