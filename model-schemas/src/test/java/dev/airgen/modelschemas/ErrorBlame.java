package dev.airgen.modelschemas;

import java.util.LinkedHashSet;
import java.util.Set;

import com.networknt.schema.Error;

import tools.jackson.databind.JsonNode;

/** Works out which request parameters a validation error is about, as dotted paths without array indices. */
final class ErrorBlame {

    private ErrorBlame() {
    }

    static Set<String> parameters(Error error) {
        Set<String> out = new LinkedHashSet<>();
        String at = dotted(error.getInstanceLocation().toString());
        if (!at.isEmpty()) {
            out.add(at);
        }
        String property = error.getProperty();
        if (property != null && !property.isEmpty()) {
            out.add(join(at, property));
        }
        // Missing-property errors carry the names involved as arguments.
        if ("required".equals(error.getKeyword()) || "dependentRequired".equals(error.getKeyword())) {
            Object[] args = error.getArguments();
            if (args != null) {
                for (Object a : args) {
                    if (a instanceof String name && !name.isEmpty()) {
                        out.add(join(at, name));
                    }
                }
            }
        }
        // A combinator that fails as a whole (oneOf, not, if/then, anyOf of required sets) blames the
        // properties its subschema talks about.
        JsonNode schemaNode = error.getSchemaNode();
        if (schemaNode != null) {
            collect(schemaNode, at, out);
        }
        return out;
    }

    /** True when {@code blamed} is the expected parameter or one of the objects that contain it. */
    static boolean covers(String blamed, String expected) {
        return blamed.equals(expected) || expected.startsWith(blamed + ".");
    }

    private static void collect(JsonNode schema, String at, Set<String> out) {
        if (schema.isArray()) {
            schema.forEach(s -> collect(s, at, out));
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        schema.path("required").forEach(r -> out.add(join(at, r.asString())));
        schema.path("dependentRequired").properties().forEach(p -> {
            out.add(join(at, p.getKey()));
            p.getValue().forEach(r -> out.add(join(at, r.asString())));
        });
        schema.path("properties").properties().forEach(p -> {
            String child = join(at, p.getKey());
            out.add(child);
            collect(p.getValue(), child, out);
        });
        for (String key : new String[] {"oneOf", "anyOf", "allOf", "not", "if", "then", "else"}) {
            if (schema.has(key)) {
                collect(schema.get(key), at, out);
            }
        }
    }

    private static String join(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    /** Turns {@code $.lora[0].model} or {@code /lora/0/model} into {@code lora.model}. */
    static String dotted(String location) {
        String s = location.replace("$", "").replaceAll("\\[\\d+]", "").replaceAll("\\['([^']*)']", ".$1");
        StringBuilder out = new StringBuilder();
        for (String part : s.split("[./]")) {
            if (!part.isEmpty() && !part.chars().allMatch(Character::isDigit)) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(part);
            }
        }
        return out.toString();
    }
}
