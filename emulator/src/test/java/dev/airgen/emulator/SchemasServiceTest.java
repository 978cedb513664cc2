package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.get;
import static dev.airgen.emulator.TestSupport.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.schema.snapshot.Snapshot;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The schemas service endpoints that a refresh goal reads. */
class SchemasServiceTest {

    private static URI at(RunwareEmulator e, String path) {
        return URI.create(e.schemasUrl() + "/" + path);
    }

    @Test
    void registryHasEtagAndAnswers304WhenUnchanged() {
        try (RunwareEmulator e = TestSupport.builder().start()) {
            TestSupport.Resp r = get(at(e, "registry.json"));
            assertThat(r.status()).isEqualTo(200);
            String etag = r.headers().firstValue("etag").orElseThrow();
            JsonNode reg = r.json();
            assertThat(reg.get("version").asString()).isEqualTo("20260101000000");
            assertThat(reg.get("models").get("test:image@1").get("taskType").asString()).isEqualTo("imageInference");
            assertThat(reg.get("models").get("test:image@1").get("id").asString()).isEqualTo("test-image-1");
            assertThat(reg.get("models").get("civitai:101@202").get("taskType").asString()).isEqualTo("imageInference");
            assertThat(reg.get("architectureTaskTypes").get("sdxl").asString()).isEqualTo("imageInference");
            assertThat(reg.get("modalityTaskTypes").get("image").asString()).isEqualTo("imageInference");

            assertThat(get(at(e, "registry.json"), "If-None-Match", etag).status()).isEqualTo(304);
            assertThat(get(at(e, "registry.json"), "If-None-Match", "\"other\"").status()).isEqualTo(200);

            e.publishSnapshot(TestSupport.withVersion(e.snapshot(), "20260202000000"));
            TestSupport.Resp changed = get(at(e, "registry.json"), "If-None-Match", etag);
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.headers().firstValue("etag").orElseThrow()).isNotEqualTo(etag);
        }
    }

    @Test
    void resolveByAirSlugOrEncodedAir() {
        try (RunwareEmulator e = TestSupport.builder().start()) {
            TestSupport.Resp r = get(at(e, "resolve/test:image@1"));
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.json().get("requestSchema").get("properties").get("model").get("const").asString()).isEqualTo("test:image@1");
            assertThat(r.json().get("responseSchema").get("required").toString()).contains("imageUUID");
            assertThat(r.json().get("documentation").asString()).isEqualTo("https://runware.ai/docs/models/test-image-1");

            assertThat(get(at(e, "resolve/test%3Aimage%401")).json()).isEqualTo(r.json());
            assertThat(get(at(e, "resolve/test-image-1")).json()).isEqualTo(r.json());

            TestSupport.Resp community = get(at(e, "resolve/civitai:101@202"));
            assertThat(community.json().get("requestSchema").get("properties").has("steps")).isTrue();
            assertThat(community.json().get("responseSchema").isNull()).isTrue();

            assertThat(get(at(e, "resolve/nobody:1@1")).status()).isEqualTo(404);
        }
    }

    @Test
    void releasesServeTheExactBundle() {
        try (RunwareEmulator e = TestSupport.builder().start()) {
            TestSupport.Resp pinned = get(at(e, "releases/20260101000000/schema-map.json"));
            assertThat(pinned.status()).isEqualTo(200);
            assertThat(pinned.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(TestSupport.schemaMapBytes(e.snapshot()));
            assertThat(get(at(e, "releases/latest/schema-map.json")).body()).isEqualTo(pinned.body());
            assertThat(get(at(e, "releases/19990101000000/schema-map.json")).status()).isEqualTo(404);
        }
    }

    @Test
    void publishingANewReleaseLeavesValidationAlone() {
        try (RunwareEmulator e = TestSupport.builder().start()) {
            // A breaking change: the image model now requires a seed.
            ObjectNode map = (ObjectNode) JsonNodes.parse(TestSupport.schemaMapBytes(e.snapshot()));
            map.put("version", "20260301000000");
            ObjectNode schema = (ObjectNode) map.get("inference").get(0).get("requestSchema");
            ((tools.jackson.databind.node.ArrayNode) schema.get("required")).add("seed");
            Snapshot next = TestSupport.snapshotOf(JsonNodes.write(map), null);

            e.publishSnapshot(next);
            JsonNode latest = get(at(e, "releases/latest/schema-map.json")).json();
            assertThat(latest.get("version").asString()).isEqualTo("20260301000000");
            assertThat(get(at(e, "releases/20260101000000/schema-map.json")).json().get("version").asString())
                    .isEqualTo("20260101000000");
            assertThat(get(at(e, "resolve/test:image@1")).json().get("requestSchema").get("required").toString()).contains("seed");
            assertThat(api(e, image()).status()).as("validation still uses the old snapshot").isEqualTo(200);

            e.replaceSnapshot(next);
            TestSupport.Resp r = api(e, image());
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.error(0).get("code").asString()).isEqualTo("missingSeed");
            assertThat(e.snapshot().version()).isEqualTo("20260301000000");
        }
    }

    @Test
    void unknownSchemasPathIs404() {
        try (RunwareEmulator e = TestSupport.builder().start()) {
            assertThat(get(at(e, "nothing")).status()).isEqualTo(404);
        }
    }
}
