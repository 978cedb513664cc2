package dev.airgen.generator.schema;

import dev.airgen.generator.lang.ScalarKind;
import dev.airgen.schema.resolve.Origin;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A closed list of allowed values on the schema side, generated as an open enumeration so that values
 * added on the server later still read.
 */
public final class EnumType extends NamedType implements TypeNode {

    private final ScalarKind kind;
    private final List<JsonNode> values;
    private final Map<JsonNode, String> valueDocs;

    public EnumType(Origin origin, String title, String description, String definitionName, ScalarKind kind,
                    List<JsonNode> values, Map<JsonNode, String> valueDocs) {
        super(origin, title, description, definitionName);
        this.kind = kind;
        this.values = List.copyOf(values);
        this.valueDocs = Map.copyOf(valueDocs);
    }

    public ScalarKind kind() {
        return kind;
    }

    public List<JsonNode> values() {
        return values;
    }

    /** Titles or descriptions of individual values, from {@code oneOf} of {@code const} forms. */
    public Map<JsonNode, String> valueDocs() {
        return valueDocs;
    }
}
