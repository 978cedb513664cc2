package dev.airgen.schema.resolve;

import tools.jackson.databind.JsonNode;

/**
 * A JSON Schema resource: the node that {@code #} refers to inside it, where that node lives in its file,
 * and the base URI relative references resolve against.
 *
 * @param file     snapshot-relative file name, with forward slashes
 * @param pointer  pointer of {@code root} inside {@code file} (empty when the root is the whole file)
 * @param root     the resource root, the target of {@code #} references
 * @param baseUri  the URI relative {@code $ref}s resolve against
 */
public record SchemaDocument(String file, String pointer, JsonNode root, java.net.URI baseUri) {

    public Origin origin() {
        return new Origin(file, pointer);
    }
}
