package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;

/**
 * A node of the intermediate type model: what one JSON Schema means for Java, independent of how it is
 * written (inline, {@code $ref}, {@code allOf} parts). Every node remembers where it came from.
 */
public sealed interface TypeNode permits ObjectType, EnumType, UnionType, ArrayType, MapType, ScalarType,
        ConstType, AnyType, MediaType {

    Origin origin();
}
