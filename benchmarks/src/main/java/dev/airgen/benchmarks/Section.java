package dev.airgen.benchmarks;

import java.util.List;

/**
 * What one benchmark suite contributes to the report.
 *
 * @param title    heading
 * @param markdown body (tables and notes), written only from measured values
 * @param targets  verdicts for the goals this suite covers
 */
public record Section(String title, String markdown, List<Target> targets) {

    public Section {
        targets = List.copyOf(targets);
    }

    /** A suite that could not run; its goals are reported as not measured with the reason. */
    public static Section failed(String title, String why, List<String> goals) {
        return new Section(title, "Not measured: " + why + "\n",
                goals.stream().map(g -> Target.notMeasured(g, why)).toList());
    }
}
