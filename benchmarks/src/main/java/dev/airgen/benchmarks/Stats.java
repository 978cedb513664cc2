package dev.airgen.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Median and spread of a handful of measurements. Benchmarks on a shared machine are skewed by
 * outliers, so the median is the headline and the spread (min–max, plus quartiles) is always shown
 * beside it.
 *
 * @param median middle value (mean of the two middle ones for an even count)
 * @param min    smallest value
 * @param max    largest value
 * @param q1     first quartile (linear interpolation)
 * @param q3     third quartile (linear interpolation)
 * @param n      number of values
 */
public record Stats(double median, double min, double max, double q1, double q3, int n) {

    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Stats(quantile(sorted, 0.5), sorted[0], sorted[sorted.length - 1],
                quantile(sorted, 0.25), quantile(sorted, 0.75), sorted.length);
    }

    public static Stats of(java.util.Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /** The {@code q}-quantile of already sorted values, interpolating between neighbours. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (q < 0 || q > 1) {
            throw new IllegalArgumentException("quantile must be within 0..1, got " + q);
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = (int) Math.ceil(pos);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /**
     * The {@code q}-quantile of sorted latencies by the nearest-rank method, so that p99 is a latency
     * some task really had.
     */
    public static long percentile(long[] sorted, int count, double q) {
        if (count <= 0) {
            throw new IllegalArgumentException("no values");
        }
        int rank = (int) Math.ceil(q * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))];
    }

    /**
     * A range that holds the true median of the values' distribution with at least {@code confidence}, from the
     * values alone (no assumption about their distribution): the {@code k}-th smallest and {@code k}-th largest value,
     * {@code k} as large as the binomial tail allows. With few values it is their whole range, whose coverage
     * {@code 1 − 2 ÷ 2ⁿ} may fall short of {@code confidence}; {@link Interval#coverage()} says what it is.
     */
    public static Interval medianInterval(double[] values, double confidence) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (confidence <= 0 || confidence >= 1) {
            throw new IllegalArgumentException("confidence must be within 0..1, got " + confidence);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        // tail[j] = P(Binomial(n, 1/2) <= j); the range from the k-th to the (n-k+1)-th value misses the median
        // with probability 2 * tail[k - 1].
        double[] tail = new double[n + 1];
        double term = Math.pow(0.5, n);
        double sum = 0;
        for (int j = 0; j <= n; j++) {
            sum += term;
            tail[j] = sum;
            term = term * (n - j) / (j + 1);
        }
        int k = 1;
        while (k + 1 <= (n + 1) / 2 && 1 - 2 * tail[k] >= confidence) {
            k++;
        }
        return new Interval(sorted[k - 1], sorted[n - k], Math.max(0, 1 - 2 * tail[k - 1]));
    }

    /**
     * A range of values and the probability that it holds what it estimates.
     *
     * @param low      lower end
     * @param high     upper end
     * @param coverage probability that the range holds the estimated quantity
     */
    public record Interval(double low, double high, double coverage) {
        /** Whether the whole range lies on one side of {@code limit}: below it, or at or above it. */
        public boolean excludes(double limit) {
            return high < limit || low >= limit;
        }
    }

    /** {@code median (min–max)} with the given unit, e.g. {@code 12.3 ms (11.9–13.0)}. */
    public String format(double scale, String unit) {
        return num(median / scale) + " " + unit + " (" + num(min / scale) + "–" + num(max / scale) + ")";
    }

    /** A number with about three significant digits, no exponent. */
    public static String num(double v) {
        double a = Math.abs(v);
        String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, v);
    }
}
