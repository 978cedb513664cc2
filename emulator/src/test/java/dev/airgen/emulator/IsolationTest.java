package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.image;
import static dev.airgen.emulator.TestSupport.post;
import static dev.airgen.emulator.TestSupport.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Webhook targets are checked by their parsed host, and a task is visible only to the API key that sent it:
 * another key's {@code getResponse} and {@code getTaskDetails} answer exactly as for a UUID never sent.
 */
class IsolationTest extends SharedEmulatorTest {

    private static TestSupport.Resp as(String key, ObjectNode... tasks) {
        return post(emulator.baseUrl(), TestSupport.array(tasks), "Authorization", "Bearer " + key);
    }

    @Test
    void webhookHostsAreParsedNotPrefixMatched() {
        for (String url : List.of("http://127.0.0.1.attacker.example/hook", "http://127.0.0.1@attacker.example/hook",
                "http://attacker.example/127.0.0.1", "http://localhost.attacker.example/hook", "http://2130706433/hook",
                "http://127.0.0.256/hook", "http://[::2]/hook", "ftp://127.0.0.1/hook", "https://example.com/hook")) {
            TestSupport.Resp r = as("key-a", image().put("webhookURL", url));
            assertThat(r.status()).as(url).isEqualTo(400);
            assertThat(r.error(0).get("code").asString()).as(url).isEqualTo("invalidWebhookURL");
            assertThat(r.error(0).get("parameter").asString()).isEqualTo("webhookURL");
        }
        assertThat(TaskEngine.isLoopback("127.0.0.1")).isTrue();
        assertThat(TaskEngine.isLoopback("127.10.20.30")).isTrue();
        assertThat(TaskEngine.isLoopback("LOCALHOST")).isTrue();
        assertThat(TaskEngine.isLoopback("[::1]")).isTrue();
        assertThat(TaskEngine.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
        assertThat(TaskEngine.isLoopback("127.0.0.1.attacker.example")).isFalse();
        assertThat(TaskEngine.isLoopback("128.0.0.1")).isFalse();
        assertThat(TaskEngine.isLoopback("[::ffff:10.0.0.1]")).isFalse();
        assertThat(TaskEngine.isLoopback(null)).isFalse();
    }

    @Test
    void tasksAreVisibleOnlyToTheKeyThatSentThem() {
        ObjectNode secret = image().put("positivePrompt", "the secret prompt of key A").put("deliveryMethod", "async");
        String id = secret.get("taskUUID").asString();
        assertThat(as("key-a", secret).status()).isEqualTo(200);

        TestSupport.Resp details = as("key-b", task("getTaskDetails", null).put("taskUUID", id));
        TestSupport.Resp poll = as("key-b", JsonNodes.object().put("taskType", "getResponse").put("taskUUID", id));
        TestSupport.Resp never = as("key-b", JsonNodes.object().put("taskType", "getResponse").put("taskUUID", TestSupport.uuid()));
        for (TestSupport.Resp r : List.of(details, poll)) {
            assertThat(r.body()).doesNotContain("secret prompt");
            assertThat(r.error(0).get("code").asString()).isEqualTo("taskNotFound");
            assertThat(r.status()).isEqualTo(never.status());
        }

        TestSupport.Resp own = as("key-a", task("getTaskDetails", null).put("taskUUID", id));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.data(0).get("request").get(0).get("positivePrompt").asString()).isEqualTo("the secret prompt of key A");
        assertThat(as("key-a", JsonNodes.object().put("taskType", "getResponse").put("taskUUID", id)).status()).isEqualTo(200);

        // Key B may use the same UUID for a task of its own; it learns nothing about key A's and runs its own.
        ObjectNode mine = image().put("taskUUID", id).put("positivePrompt", "key B's own prompt");
        TestSupport.Resp b = as("key-b", mine);
        assertThat(b.status()).isEqualTo(200);
        assertThat(b.data(0).get("taskUUID").asString()).isEqualTo(id);
        assertThat(as("key-b", task("getTaskDetails", null).put("taskUUID", id)).data(0).get("request").get(0)
                .get("positivePrompt").asString()).isEqualTo("key B's own prompt");
    }

    @Test
    void failedTasksAreVisibleOnlyToTheirKeyToo() {
        ObjectNode bad = image().put("width", 1).put("positivePrompt", "key A's failing prompt");
        String id = bad.get("taskUUID").asString();
        assertThat(as("key-a", bad).status()).isEqualTo(400);
        TestSupport.Resp other = as("key-b", task("getTaskDetails", null).put("taskUUID", id));
        assertThat(other.body()).doesNotContain("failing prompt");
        assertThat(other.error(0).get("code").asString()).isEqualTo("taskNotFound");
        TestSupport.Resp own = as("key-a", task("getTaskDetails", null).put("taskUUID", id));
        assertThat(own.data(0).get("request").get(0).get("positivePrompt").asString()).isEqualTo("key A's failing prompt");
    }

    @Test
    void uploadedMediaAreNamedAndDeletedOnlyByTheirKey() {
        String png = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        TestSupport.Resp up = as("key-a", task("mediaStorage", null).put("operation", "upload").put("media", png));
        assertThat(up.status()).isEqualTo(200);
        String id = up.data(0).get("mediaUUID").asString();

        // Key B can neither use key A's upload by UUID nor delete it; the delete answers as for a UUID already gone.
        TestSupport.Resp use = as("key-b", task("imageUpload", null).put("image", id));
        assertThat(use.status()).isEqualTo(400);
        assertThat(use.error(0).get("parameter").asString()).isEqualTo("image");
        TestSupport.Resp delete = as("key-b", task("mediaStorage", null).put("operation", "delete").put("media", id));
        TestSupport.Resp deleteUnknown = as("key-b", task("mediaStorage", null).put("operation", "delete").put("media", TestSupport.uuid()));
        assertThat(delete.status()).isEqualTo(200).isEqualTo(deleteUnknown.status());

        // Still there for key A, which may use and delete it.
        assertThat(as("key-a", task("imageUpload", null).put("image", id)).status()).isEqualTo(200);
        assertThat(as("key-a", task("mediaStorage", null).put("operation", "delete").put("media", id)).status()).isEqualTo(200);
        assertThat(as("key-a", task("imageUpload", null).put("image", id)).status()).isEqualTo(400);
    }
}
