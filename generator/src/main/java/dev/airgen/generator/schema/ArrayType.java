package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;

/** A JSON array of one item type. */
public record ArrayType(Origin origin, TypeNode items, boolean itemsNullable, Constraints constraints) implements TypeNode {
}
