package dev.airgen.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianAndQuartilesOfAnOddCount() {
        Stats s = Stats.of(5, 1, 4, 2, 3);
        assertThat(s.median()).isEqualTo(3);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.max()).isEqualTo(5);
        assertThat(s.q1()).isEqualTo(2);
        assertThat(s.q3()).isEqualTo(4);
        assertThat(s.n()).isEqualTo(5);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddlePair() {
        assertThat(Stats.of(10, 2, 4, 8).median()).isEqualTo(6);
    }

    @Test
    void percentileByNearestRankIsAnObservedValue() {
        long[] sorted = new long[100];
        for (int i = 0; i < 100; i++) {
            sorted[i] = i + 1;
        }
        assertThat(Stats.percentile(sorted, 100, 0.50)).isEqualTo(50);
        assertThat(Stats.percentile(sorted, 100, 0.99)).isEqualTo(99);
        assertThat(Stats.percentile(sorted, 1, 0.99)).isEqualTo(1);
    }

    @Test
    void formatsMedianWithRange() {
        assertThat(Stats.of(1_200_000, 1_100_000, 1_500_000).format(1_000_000, "ms")).isEqualTo("1.20 ms (1.10–1.50)");
    }

    @Test
    void refusesEmptyInput() {
        assertThatThrownBy(Stats::of).isInstanceOf(IllegalArgumentException.class);
    }
}
