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
