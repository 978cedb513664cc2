package dev.airgen.benchmarks.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuSplitTest {

    @Test
    void cpuListsExpandRangesAndSingles() {
        assertThat(CpuSplit.expand("0-2,5")).containsExactly("0", "1", "2", "5");
        assertThat(CpuSplit.expand("3")).containsExactly("3");
        assertThat(CpuSplit.expand("")).isEmpty();
    }
}
