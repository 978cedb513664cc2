package dev.airgen.generator.schema;

import dev.airgen.generator.lang.ScalarKind;
import dev.airgen.schema.resolve.Origin;

/** A string, integer, number or boolean, with its constraints kept for documentation. */
public record ScalarType(Origin origin, ScalarKind kind, Constraints constraints) implements TypeNode {
}
