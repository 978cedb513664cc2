package dev.airgen.benchmarks.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientProcessTest {

    @Test
    void aWindowCrossesTheProcessBoundaryUnchanged() {
        Load.Window w = new Load.Window(1234, 2, 0.5012345678901234, 81_000, 412_345, "java.io.IOException: reset\n\tat x", 98_765_432_101L);
        Load.Window back = Load.Window.parse(w.toLine());
        assertThat(back).usingRecursiveComparison().ignoringFields("firstFailure").isEqualTo(w);
        assertThat(back.firstFailure()).isEqualTo("java.io.IOException: reset \tat x");

        Load.Window none = new Load.Window(0, 0, 0.3, 0, 0, null, 0);
        assertThat(Load.Window.parse(none.toLine())).isEqualTo(none);
        assertThatThrownBy(() -> Load.Window.parse("12 0 0.5")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a window");
    }

    @Test
    void aWarmUpOutcomeCrossesTheProcessBoundaryUnchanged() {
        JitWarmUp.Outcome o = new JitWarmUp.Outcome(26.0, 7241.337, true);
        assertThat(JitWarmUp.Outcome.parse(o.toLine())).isEqualTo(o);
        assertThat(JitWarmUp.Outcome.parse(new JitWarmUp.Outcome(240, 10, false).toLine()).quiet()).isFalse();
        assertThatThrownBy(() -> JitWarmUp.Outcome.parse("26.0 7241.3 maybe")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientInAJvmOfItsOwnWarmsUpAndMeasuresAgainstTheEmulator() throws Exception {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logged, true, StandardCharsets.UTF_8);
        try (RunwareEmulator emulator = RunwareEmulator.builder().taskDuration(Duration.ZERO).start();
             ClientProcess client = ClientProcess.start(ClientKind.AIRGEN, Transport.REST, emulator.baseUrl(),
                     emulator.webSocketUrl(), List.of(), log)) {
            JitWarmUp.Outcome warm = client.warmUp(2, 0, 0.4, 10_000);
            assertThat(warm.seconds()).isGreaterThan(0).isLessThanOrEqualTo(0.4);
            assertThat(warm.lastTasksPerSecond()).isGreaterThan(0);

            Load.Window w = client.window(2, 0.1, 0.3, 10_000);
            assertThat(w.failed()).as("failures: %s", w.firstFailure()).isZero();
            assertThat(w.completed()).isPositive();
            assertThat(w.p99()).isGreaterThanOrEqualTo(w.p50()).isPositive();
            assertThat(w.cpuNanos()).as("the worker's own CPU time").isPositive();
        }
    }

    @Test
    void aClientThatCannotConnectSaysWhyInsteadOfHanging() {
        URI nowhere = URI.create("ws://127.0.0.1:9/v1");
        assertThatThrownBy(() -> ClientProcess.start(ClientKind.BARE, Transport.WEBSOCKET, URI.create("http://127.0.0.1:9/v1"),
                nowhere, List.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ClientKind.BARE.label)
                .hasMessageContaining("did not start")
                .hasMessageContaining("Connect");
    }
}
