package dev.airgen.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

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
    void medianIntervalOfFewValuesIsTheirRangeWithItsCoverage() {
        Stats.Interval i = Stats.medianInterval(new double[] {0.09, 0.02, 0.04, 0.07, 0.03, 0.05}, 0.95);
        assertThat(i.low()).isEqualTo(0.02);
        assertThat(i.high()).isEqualTo(0.09);
        assertThat(i.coverage()).isCloseTo(1 - 2 / 64.0, within(1e-12));
        assertThat(i.excludes(0.05)).isFalse();
        assertThat(i.excludes(0.10)).isTrue();
        assertThat(i.excludes(0.02)).isTrue();
        assertThat(i.excludes(0.021)).isFalse();
    }

    @Test
    void medianIntervalNarrowsToOrderStatisticsTheBinomialTailAllows() {
        double[] values = new double[15];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 7) % 15;   // 0..14 shuffled
        }
        // n = 15: P(B <= 3) = 576 / 32768, so the 4th smallest to the 4th largest covers 96.5 %; the 5th would not reach 95 %.
        Stats.Interval i = Stats.medianInterval(values, 0.95);
        assertThat(i.low()).isEqualTo(3);
        assertThat(i.high()).isEqualTo(11);
        assertThat(i.coverage()).isCloseTo(1 - 2 * 576 / 32768.0, within(1e-12));
        assertThat(Stats.medianInterval(values, 0.5).low()).isGreaterThan(3);
    }

    @Test
    void medianIntervalOfOneValueIsThatValue() {
        Stats.Interval i = Stats.medianInterval(new double[] {4}, 0.95);
        assertThat(i.low()).isEqualTo(4);
        assertThat(i.high()).isEqualTo(4);
        assertThat(i.coverage()).isZero();
        assertThatThrownBy(() -> Stats.medianInterval(new double[0], 0.95)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesEmptyInput() {
        assertThatThrownBy(Stats::of).isInstanceOf(IllegalArgumentException.class);
    }
}
