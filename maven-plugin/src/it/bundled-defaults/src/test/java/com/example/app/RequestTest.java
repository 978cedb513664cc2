package com.example.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.runware.BflFlux1DevRequest;
import com.example.runware.RunwareCatalog;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RequestTest {

    @Test
    void buildsAndSerializesARequestForABundledModel() {
        BflFlux1DevRequest request = BflFlux1DevRequest.builder()
                .positivePrompt("a lighthouse at dusk")
                .width(1024)
                .height(768)
                .build();

        JsonNode json = Json.mapper().valueToTree(request);

        assertEquals("runware:101@1", json.get("model").asString());
        assertEquals("imageInference", json.get("taskType").asString());
        assertEquals("a lighthouse at dusk", json.get("positivePrompt").asString());
        assertEquals(1024, json.get("width").asInt());
        assertTrue(json.get("taskUUID").asString().length() >= 32, json.toString());

        // The schema resources were generated onto the classpath, so the request validates offline.
        List<Violation> violations = SchemaValidator.create().validate(BflFlux1DevRequest.class.getClassLoader(),
                request.requestSchema(), JsonValue.parse(json.toString()));
        assertTrue(violations.isEmpty(), violations.toString());
        List<Violation> broken = SchemaValidator.create().validate(BflFlux1DevRequest.class.getClassLoader(),
                request.requestSchema(), JsonValue.parse(((tools.jackson.databind.node.ObjectNode) json.deepCopy())
                        .put("width", "wide").toString()));
        assertEquals("width", broken.get(0).parameter(), broken.toString());
    }
}
