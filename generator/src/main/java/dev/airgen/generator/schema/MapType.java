package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;

/** An object with no declared properties whose values all have one type ({@code additionalProperties: schema}). */
public record MapType(Origin origin, TypeNode values, Constraints constraints) implements TypeNode {
}
