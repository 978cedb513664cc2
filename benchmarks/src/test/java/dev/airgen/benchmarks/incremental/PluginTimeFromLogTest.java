package dev.airgen.benchmarks.incremental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PluginTimeFromLogTest {

    private static final String LOG = """
            10:00:00.100 [INFO] Scanning for projects...
            10:00:00.900 [INFO] --------------------------------[ jar ]---------------------------------
            10:00:01.000 [INFO]\s
            10:00:01.000 [INFO] --- airgen:0.1.0-SNAPSHOT:generate (default) @ airgen-consumer ---
            10:00:01.020 [INFO] AIRgen: inputs unchanged, nothing to generate
            10:00:01.042 [INFO]\s
            10:00:01.043 [INFO] --- resources:3.5.0:resources (default-resources) @ airgen-consumer ---
            10:00:01.300 [INFO] --- compiler:3.16.0:compile (default-compile) @ airgen-consumer ---
            10:00:01.900 [INFO] BUILD SUCCESS
            """;

    @Test
    void measuresFromTheGoalHeaderToTheNextGoal() {
        assertThat(IncrementalBench.pluginNanos(LOG)).isEqualTo(43_000_000L);
    }

    @Test
    void aLastGoalEndsAtTheBuildSummary() {
        String log = """
                10:00:01.000 [INFO] --- airgen:0.1.0-SNAPSHOT:generate (default) @ c ---
                10:00:01.250 [INFO] ------------------------------------------------------------------------
                10:00:01.250 [INFO] BUILD SUCCESS
                """;
        assertThat(IncrementalBench.pluginNanos(log)).isEqualTo(250_000_000L);
    }

    @Test
    void aLogWithoutThePluginIsAnError() {
        assertThatThrownBy(() -> IncrementalBench.pluginNanos(LOG.replace("airgen:", "other:")))
                .hasMessageContaining("no airgen goal");
    }

    @Test
    void aDebugLogSplitsLoadingFromExecution() {
        String log = """
                10:00:01.000 [INFO] --- airgen:0.1.0-SNAPSHOT:generate (default) @ c ---
                10:00:01.010 [DEBUG] Configuring mojo execution 'dev.airgen:airgen-maven-plugin:generate:default' -->
                10:00:01.080 [DEBUG] -- end configuration --
                10:00:01.095 [DEBUG] ---------------------------------------------------------------------------
                10:00:01.100 [INFO] --- resources:3.5.0:resources (default-resources) @ c ---
                """;
        assertThat(IncrementalBench.split(log)).containsExactly(80_000_000L, 20_000_000L);
    }
}
