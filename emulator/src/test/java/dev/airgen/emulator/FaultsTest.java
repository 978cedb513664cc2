package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.ObjectNode;

/** Each fault is switched on, observed over REST, and gone afterwards. WebSocket faults live in WebSocketTest. */
class FaultsTest extends SharedEmulatorTest {

    @Test
    void rateLimitAnswers429WithRetryAfterThenRecovers() {
        emulator.faults().rateLimit(2, Duration.ofSeconds(3));
        for (int i = 0; i < 2; i++) {
            TestSupport.Resp r = api(emulator, image());
            assertThat(r.status()).isEqualTo(429);
            assertThat(r.headers().firstValue("retry-after")).hasValue("3");
            assertThat(r.error(0).get("code").asString()).isEqualTo("rateLimitExceeded");
        }
        assertThat(api(emulator, image()).status()).isEqualTo(200);
    }

    @Test
    void serviceUnavailableAnswers503WithRetryAfter() {
        emulator.faults().serviceUnavailable(1, Duration.ofMillis(1500));
        TestSupport.Resp r = api(emulator, image());
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.headers().firstValue("retry-after")).hasValue("2");
        assertThat(r.error(0).get("code").asString()).isEqualTo("serviceUnavailable");
        assertThat(api(emulator, image()).status()).isEqualTo(200);
    }

    @Test
    void gatewayTimeoutAnswers504() {
        emulator.faults().gatewayTimeout(1);
        TestSupport.Resp r = api(emulator, image());
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.error(0).get("code").asString()).contains("Timeout");
    }

    @Test
    void insufficientCreditsAnswers402UntilSwitchedOff() {
        emulator.faults().insufficientCredits(true);
        assertThat(api(emulator, image()).status()).isEqualTo(402);
        assertThat(api(emulator, image()).error(0).get("code").asString()).isEqualTo("insufficientCredits");
        emulator.faults().insufficientCredits(false);
        assertThat(api(emulator, image()).status()).isEqualTo(200);
    }

    @Test
    void forbiddenAnswers403() {
        emulator.faults().forbidden(true);
        TestSupport.Resp r = api(emulator, image());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.error(0).get("code").asString()).isEqualTo("forbidden");
    }

    @Test
    void latencyDelaysTheAnswer() {
        emulator.faults().latency(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        assertThat(api(emulator, image()).status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void slowPollingDelaysGetResponse() {
        ObjectNode t = image().put("deliveryMethod", "async");
        api(emulator, t);
        emulator.faults().slowPolling(Duration.ofMillis(400));
        long t0 = System.nanoTime();
        TestSupport.Resp r = api(emulator, JsonNodes.object().put("taskType", "getResponse").put("taskUUID", t.get("taskUUID").asString()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void malformedBodyIsNotJson() {
        emulator.faults().malformedFrames(1);
        TestSupport.Resp r = api(emulator, image());
        assertThatThrownBy(r::json).isInstanceOf(RuntimeException.class);
        assertThat(api(emulator, image()).json().get("data")).hasSize(1);
    }

    @Test
    void truncatedBodyIsCutOff() {
        emulator.faults().truncatedFrames(1);
        TestSupport.Resp r = api(emulator, image());
        assertThat(r.body()).startsWith("{\"data\"");
        assertThatThrownBy(r::json).isInstanceOf(RuntimeException.class);
    }

    @Test
    void truncatedStreamEndsWithoutDone() {
        emulator.faults().truncatedFrames(1);
        ObjectNode t = TestSupport.chat("hello").put("deliveryMethod", "stream");
        String body = api(emulator, t).body();
        assertThat(body).startsWith("data: ").doesNotContain("[DONE]");
    }

    @Test
    void failedTaskInSyncDeliveryBecomesAnError() {
        emulator.faults().failTasks(1, "inferenceError");
        ObjectNode t = image();
        TestSupport.Resp r = api(emulator, t);
        assertThat(r.error(0).get("code").asString()).isEqualTo("inferenceError");
        assertThat(r.error(0).get("taskUUID").asString()).isEqualTo(t.get("taskUUID").asString());
        assertThat(api(emulator, image()).status()).isEqualTo(200);
    }

    @Test
    void badFaultSettingsAreRejected() {
        assertThatThrownBy(() -> emulator.faults().rateLimit(-1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> emulator.faults().latency(Duration.ofMillis(-5))).isInstanceOf(IllegalArgumentException.class);
    }
}
