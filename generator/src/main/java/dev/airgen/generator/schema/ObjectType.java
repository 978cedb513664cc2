package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An object with declared properties. Built in two steps (created, then filled) so that recursive
 * schemas can refer to an object while it is still being read; {@link TypeModelBuilder} freezes it when
 * it is complete, and from then on nothing about it can change.
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
    private boolean frozen;

    public ObjectType(Origin origin, String title, String description, String definitionName) {
        super(origin, title, description, definitionName);
    }

    /** The declared properties, in schema order. */
    public List<Property> properties() {
        return Collections.unmodifiableList(properties);
    }

    /** Cross-field rules, kept for documentation; the runtime enforces them from the original schema. */
    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }

    public Extra extra() {
        return extra;
    }

    /** The type of undeclared properties when {@link #extra()} is {@link Extra#TYPED}. */
    public TypeNode extraType() {
        return extraType;
    }

    public Property property(String name) {
        for (Property p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    // --- building (package-private: only the builder fills an object) ----------------------------

    void add(Property property) {
        checkOpen();
        properties.add(property);
    }

    void addFirst(Property property) {
        checkOpen();
        properties.add(0, property);
    }

    void replace(Property existing, Property replacement) {
        checkOpen();
        properties.set(properties.indexOf(existing), replacement);
    }

    void add(Rule rule) {
        checkOpen();
        rules.add(rule);
    }

    void extra(Extra extra, TypeNode extraType) {
        checkOpen();
        this.extra = extra;
        this.extraType = extraType;
    }

    void freeze() {
        frozen = true;
    }

    private void checkOpen() {
        if (frozen) {
            throw new IllegalStateException(origin() + " is complete and cannot change");
        }
    }
}
