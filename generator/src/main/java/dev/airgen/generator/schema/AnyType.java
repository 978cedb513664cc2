package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;

/** Any JSON value: a schema that states no type ({@code {}}), or shapes Java cannot narrow further. */
public record AnyType(Origin origin) implements TypeNode {
}
