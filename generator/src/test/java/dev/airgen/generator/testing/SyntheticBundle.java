package dev.airgen.generator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Random but valid Runware-style bundles within the keywords the generator supports: scalars with
 * constraints, string and integer enums, oneOf-of-const enumerations, nested objects, arrays, maps,
 * shape and discriminated unions, nullable types, any-values, media inputs, provider settings and
 * cross-field rules. The same seed always gives the same bundle.
 */
public final class SyntheticBundle {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String[] TASK_TYPES = {"imageInference", "videoInference", "audioInference", "textInference", "upscale"};
    private static final String[] PROVIDERS = {"google", "klingai", "bytedance", "minimax", "openai", "bfl"};
    private static final String[] WORDS = {"mode", "style", "quality", "camera", "motion", "scale", "strength", "steps",
            "prompt", "guidance", "layout", "color", "voice", "tempo", "frame", "depth", "sharpness", "seed", "class", "default"};

    private final Random random;

    public SyntheticBundle(long seed) {
        this.random = new Random(seed);
    }

    public ObjectNode bundle(int models) {
        ObjectNode bundle = F.objectNode();
        bundle.put("version", "20260101000000");
        ArrayNode inference = bundle.putArray("inference");
        for (int i = 0; i < models; i++) {
            String taskType = TASK_TYPES[random.nextInt(TASK_TYPES.length)];
            String air = "synth:" + i + "@" + (1 + random.nextInt(3));
            ObjectNode entry = inference.addObject();
            entry.put("slug", "synth-model-" + i);
            entry.put("air", air);
            entry.set("requestSchema", request(taskType, air));
            entry.set("responseSchema", response(taskType));
        }
        bundle.putObject("architectures").set("sdxl", request("imageInference", null));
        bundle.putObject("modalities");
        bundle.putObject("operations");
        bundle.putArray("utilities");
        return bundle;
    }

    private ObjectNode request(String taskType, String air) {
        ObjectNode schema = F.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        schema.put("type", "object");
        schema.put("additionalProperties", random.nextBoolean());
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("taskType").put("type", "string").put("const", taskType);
        properties.putObject("taskUUID").put("type", "string").put("format", "uuid");
        ObjectNode model = properties.putObject("model").put("type", "string");
        if (air != null) {
            model.put("const", air);
        }
        properties.putObject("positivePrompt").put("type", "string").put("minLength", 2).put("maxLength", 3000);
        properties.putObject("outputFormat").put("type", "string").set("enum", strings("JPG", "PNG", "WEBP"));
        int count = 3 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            String name = WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? "" : "Level");
            if (!properties.has(name)) {
                properties.set(name, anySchema(0, name));
            }
        }
        if (random.nextInt(3) == 0) {
            properties.putObject("seedImage");
            properties.putObject("referenceImages").put("type", "array").putObject("items").put("type", "string");
        }
        if (random.nextInt(2) == 0) {
            String provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
            ObjectNode ps = properties.putObject("providerSettings").put("type", "object").put("additionalProperties", false);
            ObjectNode inner = ps.putObject("properties").putObject(provider).put("type", "object").put("additionalProperties", false);
            ObjectNode innerProps = inner.putObject("properties");
            innerProps.putObject("enhance").put("type", "boolean");
            if (random.nextBoolean()) {
                innerProps.putObject("level").put("type", "integer").put("minimum", 0).put("maximum", 1 + random.nextInt(3));
            }
        }
        ArrayNode required = schema.putArray("required").add("taskType").add("taskUUID").add("model");
        if (random.nextBoolean()) {
            required.add("positivePrompt");
        }
        if (random.nextInt(3) == 0) {
            ArrayNode allOf = schema.putArray("allOf");
            allOf.addObject().putObject("dependentRequired").set("positivePrompt", F.arrayNode().add("outputFormat"));
            ArrayNode oneOf = allOf.addObject().putArray("oneOf");
            ObjectNode a = oneOf.addObject().put("title", "JPG output");
            a.putObject("properties").putObject("outputFormat").put("const", "JPG");
            oneOf.addObject().put("title", "Other").putObject("not").putArray("required").add("outputFormat");
        }
        return schema;
    }

    private ObjectNode anySchema(int depth, String name) {
        int pick = random.nextInt(depth >= 2 ? 7 : 12);
        ObjectNode s = F.objectNode();
        if (random.nextInt(4) == 0) {
            s.put("description", "Synthetic " + name + " */ with <markup> & @tags");
        }
        switch (pick) {
            case 0 -> s.put("type", "integer").put("minimum", random.nextInt(5)).put("maximum", 10 + random.nextInt(100)).put("default", 5);
            case 1 -> s.put("type", "number").put("minimum", 0).put("maximum", 1).put("multipleOf", 0.05);
            case 2 -> s.put("type", "string").put("pattern", "^[a-z]+$").put("maxLength", 40);
            case 3 -> s.put("type", "boolean").put("default", random.nextBoolean());
            case 4 -> s.put("type", "string").set("enum", strings(variants("auto", "low", "high", "Euler a", "DPM++ 2M", "720p", "4K")));
            case 5 -> s.put("type", "integer").set("enum", F.arrayNode().add(4).add(6).add(8 + random.nextInt(3)));
            case 6 -> {
                ArrayNode oneOf = s.putArray("oneOf");
                for (String v : variants("sync", "async", "stream")) {
                    oneOf.addObject().put("const", v).put("title", "Deliver " + v);
                }
            }
            case 7 -> {
                s.put("type", "object").put("additionalProperties", false);
                ObjectNode props = s.putObject("properties");
                int n = 1 + random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    String child = WORDS[random.nextInt(WORDS.length)];
                    props.set(child, anySchema(depth + 1, child));
                }
                if (random.nextBoolean()) {
                    s.putArray("required").add(props.propertyNames().iterator().next());
                }
            }
            case 8 -> {
                s.put("type", "array").put("minItems", 1).put("maxItems", 4);
                s.set("items", anySchema(depth + 1, name + "Item"));
            }
            case 9 -> {
                ArrayNode oneOf = s.putArray("oneOf");
                oneOf.addObject().put("const", true);
                oneOf.add(anyObject(depth + 1));
            }
            case 10 -> {
                ArrayNode oneOf = s.putArray("oneOf");
                for (String tag : variants("text", "image", "audio")) {
                    ObjectNode branch = oneOf.addObject().put("type", "object");
                    ObjectNode props = branch.putObject("properties");
                    props.putObject("type").put("const", tag);
                    props.putObject(tag + "Value").put("type", "string");
                    branch.putArray("required").add("type");
                }
            }
            default -> {
                if (random.nextBoolean()) {
                    s.set("type", F.arrayNode().add("string").add("null"));
                } else {
                    s.put("type", "object").putObject("additionalProperties").put("type", "number");
                }
            }
        }
        return s;
    }

    private ObjectNode anyObject(int depth) {
        ObjectNode s = F.objectNode().put("type", "object");
        s.putObject("properties").set("inner" + random.nextInt(3), anySchema(depth + 1, "inner"));
        return s;
    }

    private String[] variants(String... options) {
        List<String> out = new ArrayList<>();
        for (String o : options) {
            if (out.isEmpty() || random.nextBoolean()) {
                out.add(o);
            }
        }
        if (out.size() == 1) {
            out.add(options[options.length - 1].equals(out.get(0)) ? options[0] : options[options.length - 1]);
        }
        return out.toArray(String[]::new);
    }

    private ObjectNode response(String taskType) {
        ObjectNode schema = F.objectNode().put("type", "object");
        ObjectNode props = schema.putObject("properties");
        props.putObject("taskType").put("type", "string").put("const", taskType);
        props.putObject("taskUUID").put("type", "string");
        props.putObject("cost").put("type", "number");
        String prefix = taskType.startsWith("video") ? "video" : taskType.startsWith("audio") ? "audio" : "image";
        props.putObject(prefix + "UUID").put("type", "string");
        props.putObject(prefix + "URL").put("type", "string");
        if (random.nextBoolean()) {
            props.putObject("seed").put("type", "integer");
        }
        schema.putArray("required").add("taskType").add("taskUUID");
        return schema;
    }

    private static ArrayNode strings(String... values) {
        ArrayNode array = F.arrayNode();
        for (String v : values) {
            array.add(v);
        }
        return array;
    }
}
