package dev.airgen.generator.schema;

import dev.airgen.generator.lang.ScalarKind;
import dev.airgen.schema.resolve.Origin;
import tools.jackson.databind.JsonNode;

/** A single fixed value ({@code const}): never set by users, always the same on the wire. */
public record ConstType(Origin origin, JsonNode value, ScalarKind kind) implements TypeNode {
}
