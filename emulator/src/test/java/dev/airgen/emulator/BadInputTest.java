package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.image;
import static dev.airgen.emulator.TestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ArrayNode;

/** Hostile or broken requests get a specific error, and the server keeps serving. */
class BadInputTest {
    static RunwareEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = TestSupport.builder().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @AfterEach
    void stillServing() {
        TestSupport.Resp ok = api(emulator, image());
        assertThat(ok.status()).as("server still serves after bad input").isEqualTo(200);
        assertThat(ok.data(0).get("imageURL").asString()).isNotBlank();
    }

    private static TestSupport.Resp raw(String body) {
        return post(emulator.baseUrl(), body, "Authorization", "Bearer k");
    }

    @Test
    void numbersTheValidatorCannotEvaluateAreABadValueNotAServerError() {
        for (String huge : new String[] {"1e308", "-1e308", "123456789012345678901234567890.5"}) {
            String body = "[" + JsonNodes.write(image()).replace("\"width\":256", "\"width\":" + huge) + "]";
            TestSupport.Resp r = raw(body);
            assertThat(r.status()).as(huge).isEqualTo(400);
            assertThat(r.error(0).get("parameter").asString()).as(huge).isEqualTo("width");
        }
    }

    @Test
    void nonArrayBody() {
        TestSupport.Resp r = raw(JsonNodes.write(image()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("invalidRequestBody");
        assertThat(r.error(0).get("message").asString()).contains("array");
    }

    @Test
    void invalidJson() {
        TestSupport.Resp r = raw("[{\"taskType\": \"imageInference\",");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("invalidJson");
    }

    @Test
    void emptyArray() {
        TestSupport.Resp r = raw("[]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("missingTasks");
    }

    @Test
    void tenMegabytePrompt() {
        String prompt = "a".repeat(10 * 1024 * 1024);
        TestSupport.Resp r = api(emulator, image().put("positivePrompt", prompt));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("invalidPositivePrompt");
        assertThat(r.error(0).get("parameter").asString()).isEqualTo("positivePrompt");
        assertThat(r.body().length()).as("the error does not echo the prompt").isLessThan(2000);
    }

    @Test
    void bodyOverTheLimit() {
        try (RunwareEmulator small = TestSupport.builder().maxRequestBytes(64 * 1024).start()) {
            TestSupport.Resp r = post(small.baseUrl(), TestSupport.array(image().put("positivePrompt", "b".repeat(100_000))),
                    "Authorization", "Bearer k");
            assertThat(r.status()).isEqualTo(413);
            assertThat(r.error(0).get("code").asString()).isEqualTo("requestTooLarge");
            assertThat(api(small, image()).status()).isEqualTo(200);
        }
    }

    @Test
    void thousandTasks() {
        ArrayNode tasks = JsonNodes.array();
        for (int i = 0; i < 1000; i++) {
            tasks.add(image());
        }
        TestSupport.Resp r = raw(JsonNodes.write(tasks));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("maxTasksPerRequestExceeded");
        assertThat(r.error(0).get("message").asString()).contains("1000");
    }

    @Test
    void unknownTaskType() {
        TestSupport.Resp r = api(emulator, TestSupport.task("teleportation", null));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("invalidTaskType");
        assertThat(r.error(0).get("parameter").asString()).isEqualTo("taskType");
    }

    @Test
    void taskThatIsNotAnObject() {
        TestSupport.Resp r = raw("[42, \"x\"]");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors")).hasSize(2);
        assertThat(r.error(0).get("code").asString()).isEqualTo("invalidTask");
    }

    @Test
    void missingTaskType() {
        TestSupport.Resp r = raw("[{\"taskUUID\":\"" + TestSupport.uuid() + "\"}]");
        assertThat(r.error(0).get("code").asString()).isEqualTo("missingTaskType");
    }

    @Test
    void wrongMethodAndUnknownPath() {
        assertThat(TestSupport.get(emulator.baseUrl()).status()).isEqualTo(405);
        assertThat(TestSupport.get(emulator.baseUrl().resolve("/nowhere")).status()).isEqualTo(404);
    }
}
