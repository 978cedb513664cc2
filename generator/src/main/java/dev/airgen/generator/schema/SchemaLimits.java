package dev.airgen.generator.schema;

import dev.airgen.schema.SchemaException;
import dev.airgen.schema.keyword.Keywords;
import dev.airgen.schema.resolve.Origin;
import dev.airgen.schema.resolve.SchemaDocument;
import dev.airgen.schema.snapshot.SnapshotLimits;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * What the generator accepts, so that input it cannot turn into working code fails with
 * {@code file#/pointer: reason} before anything is written, instead of producing sources javac rejects or
 * classes that fail at run time. Each limit is far above what Runware's schemas use (longest description
 * 150 characters, largest enumeration 75 values, at most 38 properties per object).
 */
public final class SchemaLimits {

    /** Characters of a {@code description}; longer text would be copied into several Javadoc comments. */
    public static final int MAX_TEXT = 65_536;

    /**
     * Values of one enumeration (or alternatives of one union). Each constant costs about 22 to 26 bytes of
     * the class initializer, which the class-file format caps at 65,535 bytes: about 2,500 numeric or 2,900
     * string constants fit; 2,000 leaves room.
     */
    public static final int MAX_ENUM_VALUES = 2_000;

    /**
     * Properties of one object. A generated class reads JSON through a constructor taking every property,
     * and a Java method has at most 255 parameter slots, one of them {@code this}.
     */
    public static final int MAX_PROPERTIES = 254;

    /** Levels of schemas nested inside one another below a task (objects, arrays, unions, maps). */
    public static final int MAX_NESTING = 32;

    /**
     * UTF-8 bytes of a generated class's simple name. File systems allow 255 bytes for a file name, and a
     * class's nested {@code Builder} adds {@code $Builder.class} to it.
     */
    public static final int MAX_CLASS_NAME_BYTES = 200;

    private static final Pattern PROPERTY_ESCAPE = Pattern.compile("\\\\[pP]\\{[^}]*}");

    private SchemaLimits() {
    }

    /**
     * Checks every schema in the given documents: text sizes, names, enum and const values (which must have a
     * Java literal), and that each {@code pattern} and {@code patternProperties} key is a regular expression
     * the validator can compile. Each document is checked once, however often it is passed.
     *
     * @throws SchemaException at the first offending keyword
     */
    public static void checkDocuments(List<SchemaDocument> documents, Set<JsonNode> checked) {
        for (SchemaDocument d : documents) {
            if (checked.add(d.root())) {
                schema(d.root(), new Origin(d.file(), d.pointer()));
            }
        }
    }

    /** A fresh record of checked documents, by identity. */
    public static Set<JsonNode> newChecked() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /**
     * Checks a class about to be written: its simple name must fit a file name, and an object's properties a
     * constructor.
     *
     * @throws SchemaException at the schema the class comes from
     */
    public static void checkClass(NamedType type, String simpleName) {
        int bytes = simpleName.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_CLASS_NAME_BYTES) {
            throw type.origin().error("the class generated for this schema would be named '" + simpleName.substring(0, 40)
                    + "...', " + bytes + " bytes long; at most " + MAX_CLASS_NAME_BYTES
                    + " fit a file name (shorten the title, $defs key, property name or slug it is derived from)");
        }
        if (type instanceof ObjectType o && o.properties().size() > MAX_PROPERTIES) {
            throw type.origin().error("the object has " + o.properties().size() + " properties; a generated class holds at most "
                    + MAX_PROPERTIES + " (it reads JSON through a constructor taking each one, and Java allows 255 parameter slots)");
        }
    }

    private static void schema(JsonNode node, Origin at) {
        if (!node.isObject()) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            Origin here = at.child(keyword);
            if (Keywords.SUBSCHEMA_MAP.contains(keyword) && value.isObject()) {
                for (Map.Entry<String, JsonNode> entry : value.properties()) {
                    Origin member = here.child(entry.getKey());
                    if (keyword.equals("patternProperties")) {
                        pattern(member, entry.getKey());
                    } else {
                        SnapshotLimits.checkName(member, keyword.equals("properties") ? "the property name" : "the name", entry.getKey());
                    }
                    schema(entry.getValue(), member);
                }
            } else if (Keywords.SUBSCHEMA.contains(keyword)) {
                if (value.isArray()) {
                    for (int i = 0; i < value.size(); i++) {
                        schema(value.get(i), here.child(i));
                    }
                } else {
                    schema(value, here);
                }
            } else if (Keywords.SUBSCHEMA_LIST.contains(keyword) && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    schema(value.get(i), here.child(i));
                }
            } else if (Keywords.SUBSCHEMA_OR_NAMES_MAP.contains(keyword) && value.isObject()) {
                value.properties().forEach(e -> schema(e.getValue(), here.child(e.getKey())));
            } else if (keyword.equals("description") && value.isString() && value.asString().length() > MAX_TEXT) {
                throw here.error("the description is " + value.asString().length() + " characters long; at most "
                        + MAX_TEXT + " are accepted");
            } else if (keyword.equals("title") && value.isString()) {
                SnapshotLimits.checkName(here, "the title", value.asString());
            } else if (keyword.equals("pattern") && value.isString()) {
                pattern(here, value.asString());
            } else if (keyword.equals("enum") && value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    literal(here.child(i), value.get(i));
                }
            } else if (keyword.equals("const")) {
                literal(here, value);
            }
        }
    }

    /** An enum or const value becomes a Java literal: strings of bounded length, numbers Java can hold exactly. */
    private static void literal(Origin at, JsonNode value) {
        if (value.isString()) {
            SnapshotLimits.checkName(at, "the value", value.asString());
        } else if (value.isIntegralNumber() && !value.canConvertToLong()) {
            throw at.error("the integer " + abbreviate(value.toString()) + " is outside Java's long range");
        } else if (value.isNumber() && !value.isIntegralNumber() && !Double.isFinite(value.doubleValue())) {
            throw at.error("the number " + abbreviate(value.toString()) + " is outside Java's double range");
        }
    }

    /**
     * The validator compiles patterns with {@code java.util.regex} after translating ECMA-262 long-form Unicode
     * property names ({@code \p{Letter}}), so a pattern is accepted when it compiles with each property escape
     * replaced by one Java knows.
     */
    private static void pattern(Origin at, String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException first) {
            try {
                Pattern.compile(PROPERTY_ESCAPE.matcher(regex).replaceAll(Matcher.quoteReplacement("\\p{L}")));
            } catch (PatternSyntaxException e) {
                throw at.error("'" + abbreviate(regex) + "' is not a valid regular expression: " + first.getDescription()
                        + " near index " + first.getIndex());
            }
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
