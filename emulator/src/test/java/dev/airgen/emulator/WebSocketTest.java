package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.array;
import static dev.airgen.emulator.TestSupport.dataFor;
import static dev.airgen.emulator.TestSupport.image;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class WebSocketTest extends SharedEmulatorTest {
    @BeforeEach
    void quickTasks() {
        emulator.taskDuration(Duration.ofMillis(100));
    }

    private static ObjectNode ping() {
        return JsonNodes.object().put("taskType", "ping").put("ping", true);
    }

    @Test
    void authenticationGivesASessionId() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            String id = ws.auth(null);
            assertThat(id).matches("[0-9a-f-]{36}");
        }
    }

    @Test
    void tasksBeforeAuthenticationAreRefused() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ObjectNode t = image();
            ws.send(array(t));
            JsonNode f = ws.await(TestSupport.errorFor(t.get("taskUUID").asString()));
            assertThat(f.get("errors").get(0).get("code").asString()).isEqualTo("missingApiKey");
        }
    }

    @Test
    void invalidKeyIsRefused() {
        try (RunwareEmulator strict = TestSupport.builder().apiKeys("only").start();
             TestSupport.Ws ws = TestSupport.Ws.open(strict)) {
            ws.send(array(JsonNodes.object().put("taskType", "authentication").put("apiKey", "other")));
            JsonNode f = ws.await(x -> x.has("errors"));
            assertThat(f.get("errors").get(0).get("code").asString()).isEqualTo("invalidApiKey");
        }
    }

    @Test
    void pingGetsPong() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ws.send(array(ping()));
            JsonNode f = ws.await(x -> x.path("data").path(0).path("taskType").asString("").equals("ping"));
            assertThat(f.get("data").get(0).get("pong").booleanValue()).isTrue();
            assertThat(f.get("data").get(0).has("taskUUID")).isFalse();
        }
    }

    @Test
    void syncResultsArePushedOnePerItem() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ObjectNode t = image().put("numberResults", 2);
            String id = t.get("taskUUID").asString();
            ws.send(array(t));
            JsonNode a = ws.await(dataFor(id));
            JsonNode b = ws.await(dataFor(id));
            assertThat(a.get("data").get(0).get("imageUUID")).isNotEqualTo(b.get("data").get(0).get("imageUUID"));
        }
    }

    @Test
    void asyncAckThenGetResponseOverTheSameSocket() {
        emulator.taskDuration(Duration.ofMillis(300));
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ObjectNode t = image().put("deliveryMethod", "async");
            String id = t.get("taskUUID").asString();
            ws.send(array(t));
            JsonNode ack = ws.await(dataFor(id));
            assertThat(ack.get("data").get(0).has("imageURL")).isFalse();
            long end = System.nanoTime() + TestSupport.DEADLINE.toNanos();
            String status = "";
            List<String> seen = new ArrayList<>();
            while (!status.equals("success") && System.nanoTime() < end) {
                ws.send(array(JsonNodes.object().put("taskType", "getResponse").put("taskUUID", id)));
                JsonNode reply = ws.await(dataFor(id));
                status = reply.get("data").get(0).get("status").asString();
                seen.add(status);
                if (status.equals("success")) {
                    assertThat(reply.get("data").get(0).get("imageURL").asString()).isNotBlank();
                }
                TestSupport.sleep(50);
            }
            assertThat(seen).contains("processing").endsWith("success");
        }
    }

    @Test
    void resultsOfManyTasksInterleave() {
        emulator.taskDuration(Duration.ofMillis(800));
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ObjectNode slow = image().put("numberResults", 4);
            ObjectNode fast = image().put("numberResults", 2);
            ws.send(array(slow, fast));
            List<String> order = new ArrayList<>();
            long end = System.nanoTime() + TestSupport.DEADLINE.toNanos();
            while (order.size() < 6 && System.nanoTime() < end) {
                String raw = ws.nextRaw(Duration.ofMillis(200));
                if (raw != null) {
                    order.add(JsonNodes.parse(raw).get("data").get(0).get("taskUUID").asString());
                }
            }
            assertThat(order).hasSize(6);
            String s = slow.get("taskUUID").asString();
            String f = fast.get("taskUUID").asString();
            // The fast task's first item lands at half time, before the slow task's last item.
            assertThat(order.indexOf(f)).isLessThan(order.lastIndexOf(s));
            assertThat(order.subList(0, order.indexOf(f))).containsOnly(s);
        }
    }

    @Test
    void droppedSocketResumesAndReplaysBufferedResults() throws Exception {
        emulator.taskDuration(Duration.ofMillis(300));
        emulator.faults().dropWebSocketMidTask(1);
        ObjectNode t = image().put("numberResults", 2);
        String id = t.get("taskUUID").asString();
        String session;
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            session = ws.auth(null);
            ws.send(array(t));
            try {
                ws.closed.get(TestSupport.DEADLINE.toSeconds(), TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the server did not drop the socket; frames seen: " + ws.frames
                        + ", input closed: " + ws.socket.isInputClosed(), e);
            }
        }
        TestSupport.sleep(500); // results finish while nobody listens
        try (TestSupport.Ws again = TestSupport.Ws.open(emulator)) {
            String resumed = again.auth(session);
            assertThat(resumed).isEqualTo(session);
            JsonNode a = again.await(dataFor(id));
            JsonNode b = again.await(dataFor(id));
            assertThat(a.get("data").get(0).get("imageUUID")).isNotEqualTo(b.get("data").get(0).get("imageUUID"));
        }
    }

    @Test
    void aDropKeepsEveryTaskOfTheFrameItAcceptedAndCountsEachRunOnce() throws Exception {
        emulator.taskDuration(Duration.ofMillis(100));
        emulator.faults().dropWebSocketMidTask(1);
        ObjectNode first = image();
        ObjectNode second = image();
        ObjectNode third = image();
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ws.send(array(first, second, third));
            ws.closed.get(TestSupport.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        }
        for (ObjectNode t : List.of(first, second, third)) {
            String id = t.get("taskUUID").asString();
            long end = System.nanoTime() + TestSupport.DEADLINE.toNanos();
            while (!"success".equals(emulator.taskState(id)) && System.nanoTime() < end) {
                TestSupport.sleep(20);
            }
            assertThat(emulator.taskState(id)).as("task " + id + " of the dropped frame ran").isEqualTo("success");
            assertThat(emulator.runs(id)).isEqualTo(1);
        }
        // the same task sent again with the same body joins its run
        TestSupport.api(emulator, second);
        assertThat(emulator.runs(second.get("taskUUID").asString())).isEqualTo(1);
    }

    @Test
    void unknownSessionIdGetsAFreshSession() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            String fresh = ws.auth("00000000-0000-4000-8000-000000000000");
            assertThat(fresh).isNotEqualTo("00000000-0000-4000-8000-000000000000");
        }
    }

    @Test
    void halfOpenSocketStopsAnsweringAndResumeRecovers() {
        String session;
        ObjectNode t = image();
        try (TestSupport.Ws zombie = TestSupport.Ws.open(emulator)) {
            session = zombie.auth(null);
            emulator.faults().halfOpenWebSockets();
            zombie.send(array(ping()));
            assertThat(zombie.nextRaw(Duration.ofMillis(500))).as("no pong from a half-open socket").isNull();
            assertThat(zombie.closed).isNotDone();
            try (TestSupport.Ws fresh = TestSupport.Ws.open(emulator)) {
                assertThat(fresh.auth(session)).isEqualTo(session);
                fresh.send(array(ping()));
                fresh.await(x -> x.path("data").path(0).path("pong").asBoolean(false));
                fresh.send(array(t));
                assertThat(fresh.await(dataFor(t.get("taskUUID").asString())).get("data").get(0).get("imageURL")).isNotNull();
            }
        }
    }

    @Test
    void malformedAndTruncatedFramesAreSent() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            emulator.faults().malformedFrames(1);
            ws.send(array(ping()));
            String bad = ws.nextRaw(TestSupport.DEADLINE);
            assertThat(bad).isNotNull();
            assertThat(parses(bad)).isFalse();
            emulator.faults().truncatedFrames(1);
            ws.send(array(ping()));
            String cut = ws.nextRaw(TestSupport.DEADLINE);
            assertThat(cut).isNotNull();
            assertThat(parses(cut)).isFalse();
            ws.send(array(ping()));
            assertThat(parses(ws.nextRaw(TestSupport.DEADLINE))).isTrue();
        }
    }

    @Test
    void transientFaultsReachWebSocketTasks() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            emulator.faults().rateLimit(1, Duration.ofSeconds(2));
            ObjectNode t = image();
            ws.send(array(t));
            JsonNode f = ws.await(TestSupport.errorFor(t.get("taskUUID").asString()));
            assertThat(f.get("errors").get(0).get("code").asString()).isEqualTo("rateLimitExceeded");
        }
    }

    @Test
    void dryRunOverWebSocket() {
        try (TestSupport.Ws ws = new TestSupport.Ws(java.net.URI.create(emulator.webSocketUrl() + "?dryRun=1"))) {
            ws.auth(null);
            ObjectNode t = image();
            ws.send(array(t));
            JsonNode f = ws.await(dataFor(t.get("taskUUID").asString()));
            assertThat(f.get("data").get(0).get("cost").doubleValue()).isPositive();
            assertThat(f.get("data").get(0).has("imageURL")).isFalse();
        }
    }

    @Test
    void validationErrorsArriveAsErrorFrames() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ObjectNode t = image().put("width", 3);
            ws.send(array(t));
            JsonNode f = ws.await(TestSupport.errorFor(t.get("taskUUID").asString()));
            assertThat(f.get("errors").get(0).get("parameter").asString()).isEqualTo("width");
            ws.send("not json");
            JsonNode g = ws.await(x -> x.has("errors") && x.get("errors").get(0).get("code").asString().equals("invalidJson"));
            assertThat(g).isNotNull();
        }
    }

    @Test
    void includeCostAndAccountFaultsOverWebSocket() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ObjectNode t = image().put("includeCost", true);
            ws.send(array(t));
            assertThat(ws.await(dataFor(t.get("taskUUID").asString())).get("data").get(0).get("cost").doubleValue()).isPositive();

            emulator.faults().insufficientCredits(true);
            ObjectNode u = image();
            ws.send(array(u));
            assertThat(ws.await(TestSupport.errorFor(u.get("taskUUID").asString())).get("errors").get(0).get("code").asString())
                    .isEqualTo("insufficientCredits");
        }
    }

    @Test
    void resendingAPendingTaskGetsTheSameResult() {
        emulator.taskDuration(Duration.ofMillis(300));
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            ObjectNode t = image();
            ws.send(array(t));
            ws.send(array(t));
            JsonNode a = ws.await(dataFor(t.get("taskUUID").asString()));
            JsonNode b = ws.await(dataFor(t.get("taskUUID").asString()));
            assertThat(a.get("data").get(0).get("imageUUID")).isEqualTo(b.get("data").get(0).get("imageUUID"));
        }
    }

    private static boolean parses(String s) {
        try {
            JsonNodes.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
