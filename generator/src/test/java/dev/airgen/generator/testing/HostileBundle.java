package dev.airgen.generator.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A bundle whose every field that reaches generated source holds a hostile string: property names, enum and
 * const values, oneOf-of-const values and their titles, discriminator name and tags, {@code $defs} keys,
 * titles, descriptions, defaults, examples, patterns, rule values, slugs, AIRs and catalog names. It records
 * what each model put where, so a test can read the generated classes back and compare.
 */
public final class HostileBundle {

    /** What one model holds, as the test expects to read it back. */
    public record Model(String air, String slug, String name, List<String> propertyNames, Map<String, String> descriptions,
                        List<String> enumValues, String constValue, List<String> constEnumValues, String discriminator,
                        List<String> tags, String definitionProperty) {
    }

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private final ObjectNode bundle = F.objectNode();
    private final ArrayNode catalog = F.arrayNode();
    private final List<Model> models = new ArrayList<>();

    public HostileBundle() {
        bundle.put("version", "20260101000000");
        bundle.putArray("inference");
    }

    /**
     * Adds a model built from {@code text} (any strings; at least 20) and {@code shortText} (strings used where
     * they become class names, which must stay short enough for a file name; at least 6).
     */
    public HostileBundle model(List<String> text, List<String> shortText) {
        int n = models.size();
        int[] next = {0};
        java.util.function.Supplier<String> any = () -> text.get(next[0]++ % text.size());
        int[] nextShort = {0};
        java.util.function.Supplier<String> brief = () -> shortText.get(nextShort[0]++ % shortText.size());

        String air = "hostile" + n + ":" + any.get() + "@1";
        String slug = brief.get() + " s" + n;
        String name = any.get();
        List<String> propertyNames = new ArrayList<>(List.of("taskType", "taskUUID", "model"));
        Map<String, String> descriptions = new LinkedHashMap<>();

        ObjectNode request = F.objectNode();
        request.put("$schema", "https://json-schema.org/draft/2019-09/schema").put("type", "object");
        request.put("description", any.get());
        ObjectNode properties = request.putObject("properties");
        properties.putObject("taskType").put("const", "imageInference");
        properties.putObject("taskUUID").put("type", "string");
        properties.putObject("model").put("type", "string").put("const", air);

        // Plain strings: the name only becomes a member and a string literal, so it may be long.
        List<String> plainNames = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            String property = key(any.get()) + " p" + k;
            String description = any.get();
            ObjectNode p = properties.putObject(property).put("type", "string").put("title", any.get())
                    .put("description", description).put("default", any.get()).put("pattern", Pattern.quote(any.get()));
            p.putArray("examples").add(any.get()).add(any.get());
            propertyNames.add(property);
            plainNames.add(property);
            descriptions.put(property, description);
        }
        // An open enumeration: its class is named after the property.
        String enumProperty = key(brief.get()) + " e" + n;
        List<String> enumValues = distinct(List.of(any.get(), any.get(), any.get(), any.get()));
        ArrayNode values = properties.putObject(enumProperty).put("type", "string").put("description", any.get()).putArray("enum");
        enumValues.forEach(values::add);
        propertyNames.add(enumProperty);
        // A constant.
        String constProperty = key(any.get()) + " c";
        String constValue = any.get();
        properties.putObject(constProperty).put("type", "string").put("const", constValue);
        propertyNames.add(constProperty);
        // An enumeration written as oneOf of consts, each with its own title or description.
        String choiceProperty = key(brief.get()) + " o" + n;
        List<String> constEnumValues = distinct(List.of(any.get(), any.get()));
        ArrayNode choices = properties.putObject(choiceProperty).putArray("oneOf");
        for (String v : constEnumValues) {
            choices.addObject().put("const", v).put("title", any.get()).put("description", any.get());
        }
        propertyNames.add(choiceProperty);
        // A discriminated union: hostile discriminator name and tags.
        String unionProperty = key(brief.get()) + " u" + n;
        String discriminator = key(brief.get()) + " d";
        List<String> tags = distinct(List.of(any.get(), any.get()));
        ArrayNode branches = properties.putObject(unionProperty).putArray("oneOf");
        for (int b = 0; b < tags.size(); b++) {
            ObjectNode branch = branches.addObject().put("type", "object").put("title", brief.get() + " b" + b);
            ObjectNode bp = branch.putObject("properties");
            bp.putObject(discriminator).put("const", tags.get(b));
            bp.putObject("v" + b).put("type", "string").put("description", any.get());
            branch.putArray("required").add(discriminator);
        }
        propertyNames.add(unionProperty);
        // A $defs entry reached by $ref: its key names a class.
        String definition = key(brief.get()) + " def" + n;
        String definitionProperty = key(any.get()) + " q";
        ObjectNode def = request.putObject("$defs").putObject(definition).put("type", "object").put("title", brief.get())
                .put("description", any.get());
        def.putObject("properties").putObject(definitionProperty).put("type", "integer").put("description", any.get());
        String refProperty = key(brief.get()) + " r" + n;
        properties.putObject(refProperty).put("$ref", "#/$defs/" + pointerToken(definition));
        propertyNames.add(refProperty);
        // A cross-field rule whose summary quotes names and values.
        ObjectNode rule = request.putArray("allOf").addObject();
        rule.put("title", any.get());
        rule.putObject("if").putObject("properties").putObject(plainNames.get(0)).put("const", any.get());
        rule.putObject("then").putArray("required").add(plainNames.get(1));
        request.putArray("required").add("taskType").add("taskUUID").add("model");

        ObjectNode entry = ((ArrayNode) bundle.get("inference")).addObject();
        entry.put("slug", slug).put("air", air);
        entry.set("requestSchema", request);
        ObjectNode response = entry.putObject("responseSchema").put("type", "object");
        ObjectNode rp = response.putObject("properties");
        rp.putObject("taskType").put("const", "imageInference");
        rp.putObject("taskUUID").put("type", "string");
        rp.putObject("imageUUID").put("type", "string").put("description", any.get());
        catalog.addObject().put("air", air).put("slug", slug).put("name", name).put("taskType", "imageInference");

        models.add(new Model(air, slug, name, propertyNames, descriptions, enumValues, constValue, constEnumValues,
                discriminator, tags, definitionProperty));
        return this;
    }

    /** The bundle as JSON text, ASCII only: unpaired surrogates have no UTF-8 form, only a JSON escape. */
    public String bundleJson() {
        return ASCII_JSON.writeValueAsString(bundle);
    }

    /** A catalog naming every model, as ASCII-only JSON text. */
    public String catalogJson() {
        return ASCII_JSON.writeValueAsString(catalog);
    }

    public List<Model> models() {
        return models;
    }

    private static List<String> distinct(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            out.add(out.contains(v) ? v + " " + out.size() : v);
        }
        return out;
    }

    /**
     * A hostile string as a JSON key: without unpaired surrogates, which a JSON parser refuses in names (and a
     * {@code $ref}, percent-encoded UTF-8, could not name).
     */
    private static String key(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().filter(cp -> cp < 0xd800 || cp > 0xdfff).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String pointerToken(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.replace("~", "~0").replace("/", "~1").getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0;
            out.append(plain ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return out.toString();
    }
}
