package dev.airgen.generator.schema;

import dev.airgen.generator.source.Origin;

/**
 * Common part of the nodes that become classes: where they came from, what the schema calls them, and the
 * name the naming pass gives them (never derived from the order in which schemas were read).
 */
public abstract sealed class NamedType permits ObjectType, EnumType, UnionType {

    private final Origin origin;
    private final String title;
    private final String description;
    private final String definitionName;
    private String packageName;
    private String simpleName;

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

    public String packageName() {
        return packageName;
    }

    public String simpleName() {
        return simpleName;
    }

    public void assignName(String packageName, String simpleName) {
        this.packageName = packageName;
        this.simpleName = simpleName;
    }
}
