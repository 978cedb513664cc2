package dev.airgen.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void launchesWithPortSnapshotAndKeys() {
        String[] args = {"--port", "0", "--snapshot", TestSupport.snapshotDir().toString(), "--api-key", "cli-key",
            "--task-duration-ms", "10"};
        try (RunwareEmulator e = Main.launch(args)) {
            assertThat(e.snapshot().version()).isEqualTo("20260101000000");
            assertThat(e.taskDuration().toMillis()).isEqualTo(10);
            TestSupport.Resp ok = TestSupport.post(e.baseUrl(), TestSupport.array(TestSupport.image()),
                    "Authorization", "Bearer cli-key");
            assertThat(ok.status()).isEqualTo(200);
            TestSupport.Resp wrong = TestSupport.post(e.baseUrl(), TestSupport.array(TestSupport.image()),
                    "Authorization", "Bearer other");
            assertThat(wrong.status()).isEqualTo(401);
        }
    }

    @Test
    void badOptionsAreExplained() {
        assertThatThrownBy(() -> Main.launch(new String[] {"--port"})).hasMessage("--port needs a value");
        assertThatThrownBy(() -> Main.launch(new String[] {"--port", "eighty"})).hasMessageContaining("whole number");
        assertThatThrownBy(() -> Main.launch(new String[] {"--colour", "red"})).hasMessage("unknown option --colour");
        assertThatThrownBy(() -> Main.launch(new String[] {"--port", "0", "--snapshot", "/definitely/not/here"}))
                .hasMessageContaining("snapshot does not exist");
    }
}
