package dev.airgen.schema.diff;

/**
 * One difference in one model's request schema.
 *
 * @param kind    what changed
 * @param path    the parameter, dotted for nested objects, {@code []} for array items
 * @param detail  old and new values, or empty
 */
public record Change(Kind kind, String path, String detail) {

    /** What changed; the first group breaks code or requests written against the old schema. */
    public enum Kind {
        PARAMETER_REMOVED(true, "parameter removed"),
        NEWLY_REQUIRED(true, "newly required"),
        ENUM_NARROWED(true, "enum values narrowed"),
        RANGE_NARROWED(true, "range narrowed"),
        TYPE_CHANGED(true, "type changed"),
        ALTERNATIVES_REMOVED(true, "alternatives removed"),

        PARAMETER_ADDED(false, "new optional parameter"),
        NO_LONGER_REQUIRED(false, "no longer required"),
        ENUM_WIDENED(false, "enum values added"),
        RANGE_WIDENED(false, "range widened"),
        TYPE_WIDENED(false, "type widened"),
        ALTERNATIVES_ADDED(false, "alternatives added");

        private final boolean breaking;
        private final String label;

        Kind(boolean breaking, String label) {
            this.breaking = breaking;
            this.label = label;
        }

        public boolean breaking() {
            return breaking;
        }

        public String label() {
            return label;
        }
    }

    public boolean breaking() {
        return kind.breaking();
    }

    /** {@code range narrowed: width (minimum 64 -> 128)}. */
    @Override
    public String toString() {
        return kind.label() + ": " + path + (detail.isEmpty() ? "" : " (" + detail + ")");
    }
}
