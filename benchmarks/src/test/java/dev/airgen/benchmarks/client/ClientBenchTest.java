package dev.airgen.benchmarks.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.benchmarks.Stats;
import org.junit.jupiter.api.Test;

class ClientBenchTest {

    @Test
    void busySharesPrintAsTheirMedianPercentage() {
        assertThat(ClientBench.percent(Stats.of(0.5, 0.994, 1.02))).isEqualTo("99%");
        assertThat(ClientBench.percent(Stats.of(0.2))).isEqualTo("20%");
    }

    @Test
    void anUnmeasuredShareSaysSo() {
        assertThat(ClientBench.percent(null)).isEqualTo("n/a");
    }
}
