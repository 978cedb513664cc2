package dev.airgen.benchmarks;

/**
 * One goal from the benchmark issue and how this run fared against it.
 *
 * @param goal     the goal in words
 * @param status   met, missed, or not measured in this run
 * @param measured what was measured (numbers from this run)
 * @param note     by how much it is missed and why, or why it was not measured
 */
public record Target(String goal, Status status, String measured, String note) {

    public enum Status {
        MET("met"), MISSED("missed"), NOT_MEASURED("not measured");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    public static Target judged(String goal, boolean met, String measured, String note) {
        return new Target(goal, met ? Status.MET : Status.MISSED, measured, note);
    }

    public static Target notMeasured(String goal, String why) {
        return new Target(goal, Status.NOT_MEASURED, "–", why);
    }
}
