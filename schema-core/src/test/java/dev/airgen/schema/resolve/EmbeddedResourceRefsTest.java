package dev.airgen.schema.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.schema.SchemaException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code $ref} inside a subschema that declares its own {@code $id} resolves against that embedded resource:
 * relative URIs against its {@code $id}, {@code #/...} from its root, {@code #name} among its anchors, wherever
 * the walk that found the reference started. Nothing leaves the snapshot.
 */
class EmbeddedResourceRefsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The file's own {@code $defs/x} is a string; the embedded resource's {@code $defs/x} is an integer. */
    private static final String MODEL = """
            {'$defs': {
               'x': {'type': 'string'},
               'inner': {'$id': 'sub/inner.json',
                 '$defs': {'x': {'type': 'integer'}, 'named': {'$anchor': 'size', 'type': 'number'}},
                 'properties': {
                   'pointer': {'$ref': '#/$defs/x'},
                   'anchor': {'$ref': '#size'},
                   'sibling': {'$ref': 'other.json'},
                   'file': {'$ref': 'common.json#/$defs/flag'},
                   'deeper': {'items': {'$ref': '#/$defs/x'}}}},
               'other': {'$id': 'sub/other.json', 'enum': ['a', 'b']}},
             'properties': {'outer': {'$ref': '#/$defs/x'}, 'viaId': {'$ref': 'sub/inner.json#/$defs/x'}}}
            """;

    private final List<String> loaded = new ArrayList<>();

    private static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private SchemaResolver resolver(Map<String, String> files) {
        return new SchemaResolver(path -> {
            loaded.add(path);
            String text = files.get(path);
            return text == null ? null : new SchemaDocument(path, "", json(text), SchemaResolver.fileUri(path));
        });
    }

    private static SchemaRef at(SchemaDocument document, String pointer) {
        return new SchemaRef(document, pointer);
    }

    private static String place(SchemaRef ref) {
        return ref.document().file() + "#" + ref.document().pointer() + ref.pointer();
    }

    @Test
    void pointersAnchorsAndRelativeUrisResolveAgainstTheEmbeddedResource() {
        SchemaResolver resolver = resolver(Map.of("sub/common.json", "{'$defs': {'flag': {'type': 'boolean'}}}"));
        SchemaDocument model = resolver.register(new SchemaDocument("model.json", "", json(MODEL), SchemaResolver.fileUri("model.json")));
        String inner = "/$defs/inner/properties";

        // Found by a walk from the file's root, never told it entered an embedded resource.
        SchemaRef pointer = resolver.resolve(at(model, inner + "/pointer"), "#/$defs/x");
        assertThat(place(pointer)).isEqualTo("model.json#/$defs/inner/$defs/x");
        assertThat(pointer.node().get("type").asString()).isEqualTo("integer");
        assertThat(pointer.document().baseUri()).hasToString("https://snapshot.invalid/sub/inner.json");

        assertThat(place(resolver.resolve(at(model, inner + "/anchor"), "#size"))).isEqualTo("model.json#/$defs/inner/$defs/named");
        assertThat(place(resolver.resolve(at(model, inner + "/sibling"), "other.json"))).isEqualTo("model.json#/$defs/other");
        assertThat(place(resolver.resolve(at(model, inner + "/deeper/items"), "#/$defs/x"))).isEqualTo("model.json#/$defs/inner/$defs/x");
        // A relative file name is relative to the embedded resource's folder, and read from the snapshot.
        SchemaRef file = resolver.resolve(at(model, inner + "/file"), "common.json#/$defs/flag");
        assertThat(place(file)).isEqualTo("sub/common.json#/$defs/flag");
        assertThat(loaded).containsExactly("sub/common.json");

        // Outside the embedded resource, the file's own base and root hold.
        assertThat(resolver.resolve(at(model, "/properties/outer"), "#/$defs/x").node().get("type").asString()).isEqualTo("string");
        assertThat(place(resolver.resolve(at(model, "/properties/viaId"), "sub/inner.json#/$defs/x")))
                .isEqualTo("model.json#/$defs/inner/$defs/x");
    }

    @Test
    void aPlaceIsOneTargetWhicheverResourceItIsNamedFrom() {
        SchemaResolver resolver = resolver(Map.of());
        SchemaDocument model = resolver.register(new SchemaDocument("model.json", "", json(MODEL), SchemaResolver.fileUri("model.json")));
        SchemaRef fromInside = resolver.resolve(at(model, "/$defs/inner/properties/pointer"), "#/$defs/x");
        SchemaRef fromOutside = resolver.resolve(at(model, "/properties/viaId"), "sub/inner.json#/$defs/x");
        SchemaRef byFile = at(model, "/$defs/inner/$defs/x");
        assertThat(fromInside).isEqualTo(fromOutside).isEqualTo(byFile).hasSameHashCodeAs(byFile);
        assertThat(resolver.enter(at(model, "/$defs/inner"))).isEqualTo(at(model, "/$defs/inner"));
    }

    @Test
    void anEmbeddedPointerThatMissesNamesTheEmbeddedResourcesPlace() {
        SchemaResolver resolver = resolver(Map.of());
        SchemaDocument model = resolver.register(new SchemaDocument("model.json", "", json(
                "{'$defs': {'only': {'type': 'string'}, 'inner': {'$id': 'sub/inner.json', 'properties': {'a': {'$ref': '#/$defs/only'}}}}}"),
                SchemaResolver.fileUri("model.json")));
        assertThatThrownBy(() -> resolver.resolve(at(model, "/$defs/inner/properties/a"), "#/$defs/only"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("model.json#/$defs/inner/properties/a/$ref: $ref '#/$defs/only' points to nothing: "
                        + "model.json#/$defs/inner/$defs/only does not exist");
    }

    @Test
    void anEmbeddedIdNeverLeadsOutsideTheSnapshotOrOntoTheNetwork() {
        SchemaResolver resolver = resolver(Map.of());
        SchemaDocument model = resolver.register(new SchemaDocument("model.json", "", json("""
                {'$defs': {
                   'up': {'$id': '../../outside/', 'properties': {'a': {'$ref': 'secret.json'}}},
                   'away': {'$id': 'https://example.com/schemas/', 'properties': {'a': {'$ref': 'thing.json'}}}}}
                """), SchemaResolver.fileUri("model.json")));
        assertThatThrownBy(() -> resolver.resolve(at(model, "/$defs/up/properties/a"), "secret.json"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("model.json#/$defs/up/properties/a/$ref: $ref 'secret.json' refers to file '../../outside/secret.json'");
        assertThatThrownBy(() -> resolver.resolve(at(model, "/$defs/away/properties/a"), "thing.json"))
                .isInstanceOf(SchemaException.class)
                .hasMessageContaining("$ref 'thing.json' is remote (https://example.com/schemas/thing.json)");
        // The loader was asked for the name (and may refuse it); nothing was fetched from the network.
        assertThat(loaded).containsExactly("../../outside/secret.json");
    }
}
