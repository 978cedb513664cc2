package dev.airgen.generator.emit;

import dev.airgen.schema.keyword.Keywords;
import dev.airgen.schema.resolve.EmbeddedIds;
import dev.airgen.schema.resolve.SchemaDocument;
import dev.airgen.schema.resolve.SchemaRef;
import dev.airgen.schema.resolve.SchemaResolver;
import java.net.URI;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a task's schema into one self-contained document for the classpath, so the runtime validates
 * offline. A schema whose references stay inside itself is written unchanged; otherwise every document it
 * reaches (a file, or a resource embedded in one with its own {@code $id}) is copied under {@code $defs} and
 * each {@code $ref} rewritten to a pointer from the bundle's root. The copies drop the {@code $id}s and
 * {@code $anchor}s they contain: every reference now says where it points, and an {@code $id} left in place
 * would make {@code #} below it mean that resource instead of the bundle.
 */
public final class SchemaBundler {

    /** The dialect Runware's schemas use; applied when a schema does not name one. */
    public static final String DEFAULT_DIALECT = "https://json-schema.org/draft/2019-09/schema";

    private final SchemaResolver resolver;

    public SchemaBundler(SchemaResolver resolver) {
        this.resolver = resolver;
    }

    /** The document of {@code entry} and every document its {@code $ref}s reach, transitively, in order of discovery. */
    public List<SchemaDocument> documents(SchemaRef entry) {
        List<SchemaDocument> documents = new ArrayList<>();
        documents.add(entry.document());
        for (int i = 0; i < documents.size(); i++) {
            SchemaDocument document = documents.get(i);
            walkRefs(document, document.root(), "", false, (ref, target) -> {
                if (indexOf(documents, target.document()) < 0) {
                    documents.add(target.document());
                }
            });
        }
        return documents;
    }

    public JsonNode bundle(SchemaRef entry) {
        SchemaDocument root = entry.document();
        List<SchemaDocument> documents = documents(entry);
        String dialect = root.root().path("$schema").isString() ? root.root().get("$schema").asString() : DEFAULT_DIALECT;
        if (documents.size() == 1 && entry.pointer().isEmpty()) {
            ObjectNode copy = ((ObjectNode) root.root()).deepCopy();
            if (!copy.has("$schema")) {
                ObjectNode ordered = JsonNodeFactory.instance.objectNode().put("$schema", dialect);
                ordered.setAll(copy);
                return ordered;
            }
            return copy;
        }
        ObjectNode bundle = JsonNodeFactory.instance.objectNode();
        bundle.put("$schema", dialect);
        bundle.put("$ref", "#/$defs/d0" + entry.pointer());
        ObjectNode defs = bundle.putObject("$defs");
        for (int i = 0; i < documents.size(); i++) {
            defs.set("d" + i, rewrite(documents.get(i), documents));
        }
        return bundle;
    }

    private JsonNode rewrite(SchemaDocument document, List<SchemaDocument> documents) {
        JsonNode copy = document.root().deepCopy();
        Map<JsonNode, String> replacements = new IdentityHashMap<>();
        walkRefs(document, document.root(), "", false, (ref, target) ->
                replacements.put(ref.node(), "#/$defs/d" + indexOf(documents, target.document()) + target.pointer()));
        applyRewrites(document.root(), copy, replacements);
        EmbeddedIds.walk(document.root(), "", URI.create("urn:bundle"), new EmbeddedIds.Visitor<String>() {
            @Override
            public String resource(String enclosing, String pointer, JsonNode node, URI id) {
                ((ObjectNode) copy.at(enclosing + pointer)).remove("$id");
                return enclosing + pointer;
            }

            @Override
            public void anchor(String resource, URI base, String pointer, String anchor) {
                ((ObjectNode) copy.at(resource + pointer)).remove("$anchor");
            }
        });
        if (copy instanceof ObjectNode object) {
            object.remove("$id");
            object.remove("$schema");
        }
        return copy;
    }

    private static void applyRewrites(JsonNode original, JsonNode copy, Map<JsonNode, String> replacements) {
        if (original.isObject()) {
            String replacement = replacements.get(original);
            if (replacement != null) {
                ((ObjectNode) copy).put("$ref", replacement);
            }
            for (Map.Entry<String, JsonNode> f : original.properties()) {
                applyRewrites(f.getValue(), copy.get(f.getKey()), replacements);
            }
        } else if (original.isArray()) {
            for (int i = 0; i < original.size(); i++) {
                applyRewrites(original.get(i), copy.get(i), replacements);
            }
        }
    }

    private interface RefVisitor {
        void visit(SchemaRef ref, SchemaRef target);
    }

    /**
     * Visits every {@code $ref} of a schema. Values of data keywords ({@code const}, {@code examples}, ...) are
     * never searched, and in a map from names to schemas ({@code nameMap}) a member named {@code $ref} is a name.
     */
    private void walkRefs(SchemaDocument document, JsonNode node, String pointer, boolean nameMap, RefVisitor visitor) {
        if (node.isObject()) {
            if (!nameMap && node.path("$ref").isString()) {
                SchemaRef here = new SchemaRef(document, pointer);
                visitor.visit(here, resolver.resolve(here, node.get("$ref").asString()));
            }
            for (Map.Entry<String, JsonNode> f : node.properties()) {
                String key = f.getKey();
                if (!nameMap && Keywords.DATA.contains(key)) {
                    continue;
                }
                boolean names = !nameMap && (Keywords.SUBSCHEMA_MAP.contains(key) || Keywords.SUBSCHEMA_OR_NAMES_MAP.contains(key));
                walkRefs(document, f.getValue(), pointer + "/" + EmbeddedIds.escape(key), names, visitor);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walkRefs(document, node.get(i), pointer + "/" + i, false, visitor);
            }
        }
    }

    private static int indexOf(List<SchemaDocument> documents, SchemaDocument document) {
        for (int i = 0; i < documents.size(); i++) {
            SchemaDocument d = documents.get(i);
            if (d.root() == document.root()) {
                return i;
            }
        }
        return -1;
    }
}
