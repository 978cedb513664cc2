package dev.airgen.generator.schema;

import dev.airgen.generator.source.Origin;

/** Any JSON value: a schema that states no type ({@code {}}), or shapes Java cannot narrow further. */
public record AnyType(Origin origin) implements TypeNode {
}
