package dev.airgen.runtime;

import dev.airgen.runtime.internal.Validators;
import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small task schema and a request it accepts, validated once in the background when a client is built, so
 * that the first real request does not wait for the validator to load (its dialect, keywords and format
 * checks, and the SLF4J binding it logs through). Both are built in code rather than read from JSON: reading
 * would wait for the JSON mapper, which another background task is setting up at the same moment, and the
 * point is to load both side by side. The schema uses the keywords and formats task schemas use most.
 */
final class ValidatorWarmUp {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValidatorWarmUp() {
    }

    /** What the validator finds wrong with the sample: nothing, unless schema and sample have drifted apart. */
    static List<Violation> violations() {
        // A validator of its own: the client's keeps only the schemas of requests.
        return Validators.validateDocument(SchemaValidator.create(), "airgen-warm-up", schema(), sample());
    }

    static ObjectNode schema() {
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2019-09/schema");
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        strings(schema.putArray("required"), "taskType", "taskUUID", "model");
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("taskType").put("const", "imageInference");
        properties.putObject("taskUUID").put("type", "string").put("format", "uuid");
        properties.putObject("model").put("type", "string").put("minLength", 3).put("pattern", "^[a-z]");
        properties.putObject("positivePrompt").put("type", "string").put("maxLength", 3000);
        properties.putObject("width").put("type", "integer").put("minimum", 128).put("maximum", 2048).put("multipleOf", 64);
        properties.putObject("CFGScale").put("type", "number").put("exclusiveMinimum", 0);
        ObjectNode format = properties.putObject("outputFormat");
        strings(format.putArray("enum"), "JPG", "PNG", "WEBP");
        format.put("default", "JPG");
        properties.putObject("includeCost").put("type", "boolean");
        properties.putObject("webhookURL").put("type", "string").put("format", "uri");
        ObjectNode lora = properties.putObject("lora").put("type", "array").put("maxItems", 4).put("uniqueItems", false);
        lora.putObject("items").put("$ref", "#/$defs/lora");
        ObjectNode inputs = properties.putObject("inputs").put("type", "object");
        ObjectNode inputMembers = inputs.putObject("properties");
        ArrayNode seedImage = inputMembers.putObject("seedImage").putArray("anyOf");
        seedImage.addObject().put("type", "string").put("format", "uuid");
        seedImage.addObject().put("type", "string").put("format", "uri");
        ObjectNode frameImages = inputMembers.putObject("frameImages").put("type", "array");
        ArrayNode frame = frameImages.putObject("items").putArray("oneOf");
        frame.addObject().put("type", "string");
        frame.addObject().put("type", "object").putObject("properties").putObject("image").put("type", "string");
        strings(inputs.putObject("dependentRequired").putArray("frameImages"), "seedImage");
        ObjectNode rule = schema.putArray("allOf").addObject();
        strings(rule.putObject("if").putArray("required"), "CFGScale");
        rule.putObject("then").putObject("properties").putObject("width").put("minimum", 256);
        strings(rule.putObject("else").putObject("not").putArray("required"), "lora");
        ObjectNode loraItem = schema.putObject("$defs").putObject("lora").put("type", "object");
        strings(loraItem.putArray("required"), "model");
        ObjectNode loraMembers = loraItem.putObject("properties");
        loraMembers.putObject("model").put("type", "string");
        ObjectNode weight = loraMembers.putObject("weight").put("minimum", -4).put("maximum", 4);
        strings(weight.putArray("type"), "number", "null");
        return schema;
    }

    static ObjectNode sample() {
        ObjectNode sample = NODES.objectNode();
        sample.put("taskType", "imageInference");
        sample.put("taskUUID", UUID.randomUUID().toString());
        sample.put("model", "runware:101@1");
        sample.put("width", 1024);
        sample.put("CFGScale", 3.5);
        sample.put("outputFormat", "PNG");
        sample.putArray("lora").addObject().put("model", "civitai:1@1").put("weight", 0.8);
        sample.put("webhookURL", "https://example.com/hook");
        ObjectNode inputs = sample.putObject("inputs");
        inputs.put("seedImage", "https://example.com/a.png");
        inputs.putArray("frameImages").add("x").addObject().put("image", "y");
        return sample;
    }

    private static void strings(ArrayNode array, String... values) {
        for (String value : values) {
            array.add(value);
        }
    }
}
