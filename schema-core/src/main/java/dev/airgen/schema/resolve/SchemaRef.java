package dev.airgen.schema.resolve;

import tools.jackson.databind.JsonNode;

/**
 * One schema inside a resource: the resource and the pointer from its root. Equality is by place: the file
 * and the pointer from the file's root, whichever resource (the file's or one embedded in it with its own
 * {@code $id}) the pointer starts from. That makes it usable as the identity of a {@code $ref} target.
 */
public record SchemaRef(SchemaDocument document, String pointer) {

    public static SchemaRef root(SchemaDocument document) {
        return new SchemaRef(document, "");
    }

    /** The schema node itself. */
    public JsonNode node() {
        return pointer.isEmpty() ? document.root() : document.root().at(pointer);
    }

    public Origin origin() {
        return new Origin(document.file(), document.pointer() + pointer);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaRef other && document.file().equals(other.document.file())
                && (document.pointer() + pointer).equals(other.document.pointer() + other.pointer);
    }

    @Override
    public int hashCode() {
        return (document.file() + "#" + document.pointer() + pointer).hashCode();
    }
}
