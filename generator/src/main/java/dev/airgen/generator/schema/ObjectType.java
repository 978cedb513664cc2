package dev.airgen.generator.schema;

import dev.airgen.generator.source.Origin;
import java.util.ArrayList;
import java.util.List;

/**
 * An object with declared properties. Built in two steps (created, then filled) so that recursive
 * schemas can refer to an object while it is still being read.
 */
public final class ObjectType extends NamedType implements TypeNode {

    /** What the schema says about properties it does not declare. */
    public enum Extra {
        /** {@code additionalProperties: false}: nothing else may be sent. */
        FORBIDDEN,
        /** Absent or {@code true}: anything else is allowed and kept. */
        ANY,
        /** A schema: further properties of that type. */
        TYPED
    }

    private final List<Property> properties = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private Extra extra = Extra.ANY;
    private TypeNode extraType;

    public ObjectType(Origin origin, String title, String description, String definitionName) {
        super(origin, title, description, definitionName);
    }

    public List<Property> properties() {
        return properties;
    }

    /** Cross-field rules, kept for documentation; the runtime enforces them from the original schema. */
    public List<Rule> rules() {
        return rules;
    }

    public Extra extra() {
        return extra;
    }

    /** The type of undeclared properties when {@link #extra()} is {@link Extra#TYPED}. */
    public TypeNode extraType() {
        return extraType;
    }

    public void extra(Extra extra, TypeNode extraType) {
        this.extra = extra;
        this.extraType = extraType;
    }

    public Property property(String name) {
        for (Property p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
