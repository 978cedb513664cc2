package dev.airgen.generator.schema;

import dev.airgen.generator.source.Origin;

/** A JSON array of one item type. */
public record ArrayType(Origin origin, TypeNode items, boolean itemsNullable, Constraints constraints) implements TypeNode {
}
