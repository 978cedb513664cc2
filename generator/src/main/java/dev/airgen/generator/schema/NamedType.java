package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;

/**
 * Common part of the nodes that become classes: where they came from and what the schema calls them. Java
 * names are not stored here: the naming pass keeps them in a side table, so the model stays unchanged once
 * built.
 */
public abstract sealed class NamedType permits ObjectType, EnumType, UnionType {

    private final Origin origin;
    private final String title;
    private final String description;
    private final String definitionName;

    protected NamedType(Origin origin, String title, String description, String definitionName) {
        this.origin = origin;
        this.title = title;
        this.description = description;
        this.definitionName = definitionName;
    }

    public Origin origin() {
        return origin;
    }

    /** The schema's {@code title}, if any. */
    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The {@code $defs} / {@code definitions} key this schema was declared under, if any. */
    public String definitionName() {
        return definitionName;
    }

}
