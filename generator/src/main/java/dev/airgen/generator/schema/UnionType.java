package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One of several alternatives ({@code oneOf}/{@code anyOf}, or a type array). With a discriminator every
 * alternative is an object carrying a distinct constant in that property, and the union becomes a sealed
 * interface; without one, alternatives are told apart by the shape of the JSON value.
 */
public final class UnionType extends NamedType implements TypeNode {

    /** The JSON kinds alternatives are told apart by. */
    public enum Shape { BOOLEAN, INTEGER, NUMBER, STRING, ARRAY, OBJECT, NULL }

    /**
     * One alternative.
     *
     * @param name   a stable name derived from the alternative (its constant, title or shape)
     * @param type   its type (an {@link ObjectType} for discriminated unions)
     * @param shape  the JSON kind it accepts
     * @param tag    the discriminator value, or the constant of a {@code const} alternative, else null
     */
    public record Variant(String name, TypeNode type, Shape shape, JsonNode tag) {
    }

    private final String discriminator;
    private final List<Variant> variants;

    public UnionType(Origin origin, String title, String description, String definitionName, String discriminator,
                     List<Variant> variants) {
        super(origin, title, description, definitionName);
        this.discriminator = discriminator;
        this.variants = List.copyOf(variants);
    }

    /** The property whose constant tells alternatives apart, or null for shape unions. */
    public String discriminator() {
        return discriminator;
    }

    public List<Variant> variants() {
        return variants;
    }
}
