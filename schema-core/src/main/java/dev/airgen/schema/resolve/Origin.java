package dev.airgen.schema.resolve;

import dev.airgen.schema.SchemaException;

/** Where a schema node came from: a snapshot file and a JSON pointer inside it. */
public record Origin(String file, String pointer) {

    /** The origin of a child reached through one more pointer token (escaped per RFC 6901). */
    public Origin child(String token) {
        return new Origin(file, pointer + "/" + token.replace("~", "~0").replace("/", "~1"));
    }

    public Origin child(int index) {
        return new Origin(file, pointer + "/" + index);
    }

    public SchemaException error(String reason) {
        return new SchemaException(file, pointer, reason);
    }

    @Override
    public String toString() {
        return file + "#" + pointer;
    }
}
