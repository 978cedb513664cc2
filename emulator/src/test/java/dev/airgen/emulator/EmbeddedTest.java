package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.image;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Embedding: URLs, many instances per JVM, concurrent callers, closing, and the bundled snapshot. */
class EmbeddedTest {

    @Test
    void startWithDefaultsServesTheBundledSnapshot() {
        try (RunwareEmulator e = RunwareEmulator.start()) {
            assertThat(e.baseUrl().toString()).isEqualTo("http://127.0.0.1:" + e.port() + "/v1");
            assertThat(e.webSocketUrl().toString()).isEqualTo("ws://127.0.0.1:" + e.port() + "/v1");
            assertThat(e.schemasUrl().toString()).isEqualTo("http://127.0.0.1:" + e.port() + "/schemas");
            SnapshotIndex bundled = e.index();
            assertThat(bundled.airs()).isNotEmpty();
            JsonNode registry = TestSupport.get(URI.create(e.schemasUrl() + "/registry.json")).json();
            assertThat(registry.get("models").size()).isEqualTo(bundled.airs().size());

            // Every bundled model is known: a task with only model + taskType gets a schema answer, never unknownModel.
            for (String air : bundled.airs()) {
                String taskType = registry.get("models").get(air).get("taskType").asString();
                ObjectNode t = TestSupport.task(taskType, air);
                TestSupport.Resp r = TestSupport.post(e.baseUrl(), TestSupport.array(t), "Authorization", "Bearer k",
                        "X-Runware-Dry-Run", "1");
                if (r.json().has("errors")) {
                    assertThat(r.error(0).get("code").asString()).as(air).isNotEqualTo("unknownModel");
                }
            }
        }
    }

    @Test
    void manyInstancesAreIndependent() {
        List<RunwareEmulator> all = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                all.add(TestSupport.builder().start());
            }
            Set<Integer> ports = new HashSet<>();
            all.forEach(e -> ports.add(e.port()));
            assertThat(ports).hasSize(4);
            all.get(0).faults().forbidden(true);
            assertThat(api(all.get(0), image()).status()).isEqualTo(403);
            assertThat(api(all.get(1), image()).status()).isEqualTo(200);
        } finally {
            all.forEach(RunwareEmulator::close);
        }
    }

    @Test
    void concurrentCallersAllGetTheirOwnResults() throws Exception {
        try (RunwareEmulator e = TestSupport.builder().taskDuration(Duration.ofMillis(50)).start()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    results.add(pool.submit(() -> {
                        ObjectNode t = image();
                        TestSupport.Resp r = api(e, t);
                        return r.status() == 200 && r.data(0).get("taskUUID").asString().equals(t.get("taskUUID").asString());
                    }));
                }
                for (Future<Boolean> f : results) {
                    assertThat(f.get(20, TimeUnit.SECONDS)).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closeStopsListening() {
        RunwareEmulator e = TestSupport.builder().start();
        URI base = e.baseUrl();
        assertThat(api(e, image()).status()).isEqualTo(200);
        e.close();
        HttpRequest req = HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("[]")).build();
        assertThatThrownBy(() -> TestSupport.CLIENT.send(req, HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> RunwareEmulator.builder().port(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunwareEmulator.builder().taskDuration(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunwareEmulator.builder().maxTasksPerRequest(0)).isInstanceOf(IllegalArgumentException.class);
        try (RunwareEmulator first = TestSupport.builder().start()) {
            assertThatThrownBy(() -> TestSupport.builder().port(first.port()).start())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot start");
        }
    }

    @Test
    void remembersStartCountsOfTheMostRecentTasksOnly() {
        try (RunwareEmulator e = TestSupport.builder().start()) {
            e.countRun("first");
            e.countRun("first");
            assertThat(e.runs("first")).isEqualTo(2);
            for (int i = 0; i < RunwareEmulator.MAX_COUNTED_RUNS; i++) {
                e.countRun("task-" + i);
            }
            // The oldest count is gone once as many newer tasks have started; the newest are all there.
            assertThat(e.runs("first")).isZero();
            assertThat(e.runs("task-0")).isEqualTo(1);
            assertThat(e.runs("task-" + (RunwareEmulator.MAX_COUNTED_RUNS - 1))).isEqualTo(1);
            e.countRun("task-1");
            assertThat(e.runs("task-1")).isEqualTo(2);
        }
    }
}
