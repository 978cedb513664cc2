package dev.airgen.generator.emit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.testing.Snapshots;
import dev.airgen.schema.resolve.SchemaDocument;
import dev.airgen.schema.resolve.SchemaRef;
import dev.airgen.schema.resolve.SchemaResolver;
import java.net.URI;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Which {@code $ref}s a bundle follows and rewrites: those in schema positions, never data or member names. */
class SchemaBundlerTest {

    private final SchemaResolver resolver = new SchemaResolver(path -> null);

    private SchemaDocument document(String name, String json) {
        return resolver.register(new SchemaDocument(name, "", Snapshots.object(json), URI.create("https://t.invalid/" + name)));
    }

    @Test
    void referencesInSchemaPositionsAreEmbeddedAndRewritten() {
        document("shared.json", "{\"$defs\":{\"id\":{\"type\":\"string\"}}}");
        SchemaDocument task = document("task.json", """
                {"type":"object","properties":{"a":{"$ref":"shared.json#/$defs/id"},
                 "b":{"type":"array","items":{"$ref":"shared.json#/$defs/id"}}}}""");

        SchemaBundler bundler = new SchemaBundler(resolver);
        JsonNode bundle = bundler.bundle(SchemaRef.root(task));

        assertThat(bundler.documents(SchemaRef.root(task))).hasSize(2);
        assertThat(bundle.at("/$defs/d0/properties/a/$ref").asString()).isEqualTo("#/$defs/d1/$defs/id");
        assertThat(bundle.at("/$defs/d0/properties/b/items/$ref").asString()).isEqualTo("#/$defs/d1/$defs/id");
    }

    @Test
    void aRefInsideDataOrNamingAPropertyIsLeftAsWritten() {
        document("shared.json", "{\"$defs\":{\"id\":{\"type\":\"string\"}}}");
        SchemaDocument task = document("task.json", """
                {"type":"object","properties":{
                   "a":{"$ref":"shared.json#/$defs/id"},
                   "payload":{"type":"object","const":{"$ref":"https://elsewhere.invalid/x.json"},
                              "examples":[{"$ref":"#/nowhere"}],"default":{"$ref":"shared.json#/$defs/id"}},
                   "$ref":{"type":"string"}}}""");

        SchemaBundler bundler = new SchemaBundler(resolver);
        JsonNode bundle = bundler.bundle(SchemaRef.root(task));

        JsonNode payload = bundle.at("/$defs/d0/properties/payload");
        assertThat(payload.at("/const/$ref").asString()).isEqualTo("https://elsewhere.invalid/x.json");
        assertThat(payload.at("/examples/0/$ref").asString()).isEqualTo("#/nowhere");
        assertThat(payload.at("/default/$ref").asString()).isEqualTo("shared.json#/$defs/id");
        assertThat(bundle.at("/$defs/d0/properties/$ref")).isEqualTo(Snapshots.object("{\"type\":\"string\"}"));
        assertThat(bundle.at("/$defs/d0/properties/a/$ref").asString()).isEqualTo("#/$defs/d1/$defs/id");
    }
}
