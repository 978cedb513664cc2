package dev.airgen.schema.snapshot;

import dev.airgen.schema.resolve.Origin;

/**
 * The sizes a snapshot may have, so that hostile or broken input fails with {@code file#/pointer: reason}
 * instead of exhausting memory or producing names no compiler accepts.
 */
public final class SnapshotLimits {

    /**
     * Characters of anything that becomes a name or a literal: property names, {@code title}s, {@code $defs}
     * keys, string values of {@code enum} and {@code const}, AIRs, slugs. Java caps a string constant and a name
     * at 65,535 bytes of modified UTF-8; names derived from such text may be several times longer.
     */
    public static final int MAX_NAME = 1_024;

    /** Bytes of one snapshot file. Runware's whole bundle is about 3 MiB. */
    public static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private SnapshotLimits() {
    }

    /**
     * Checks a name or literal-bound text taken from a snapshot.
     *
     * @throws dev.airgen.schema.SchemaException at {@code origin} when it is too long
     */
    public static void checkName(Origin origin, String what, String value) {
        if (value != null && value.length() > MAX_NAME) {
            throw origin.error(what + " is " + value.length() + " characters long; at most " + MAX_NAME + " are accepted");
        }
    }
}
