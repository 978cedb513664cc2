package dev.airgen.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * Decides whether the outputs of the last generation still match the inputs, reading as little as it can.
 *
 * <ol>
 *   <li>The stamp (settings, and every file's location, size and modification time) equals the stored one,
 *       a fingerprint is stored and every output is there: up to date, no file contents read. For a
 *       single-file snapshot the stamp is first taken over the files remembered with the stored stamp
 *       (references that found no file included), so nothing is parsed either; only when that does not
 *       match are the snapshot's files found again by parsing.</li>
 *   <li>Otherwise the contents are hashed. Equal to the stored fingerprint, outputs all there: up to date,
 *       and the new stamp is recorded, so a {@code touch} costs one hashing, not one generation per build.</li>
 *   <li>Otherwise the outputs must be generated again.</li>
 * </ol>
 *
 * A stamp is recorded only when no input was modified within {@link Fingerprint#RACY_WINDOW} of the check:
 * such a file could be written again in the same clock tick, with the same size, without its stamp moving.
 */
final class UpToDate {

    /** What the decision rested on. */
    enum Basis {
        /** Up to date: the stamp matched, no contents read. */
        STAMP,
        /** Up to date: the stamp differed but the contents matched. */
        CONTENT,
        /** The outputs must be generated again. */
        CHANGED
    }

    /**
     * @param fingerprint the content fingerprint of the inputs (the stored one when the stamp decided)
     * @param stamp the stamp to commit with a new generation, or null when an input is too recent to vouch for
     * @param reached the files a single-file snapshot reached, to remember with the stamp; null for none
     */
    record Verdict(Basis basis, String fingerprint, String stamp, SnapshotInputs.Reached reached) {

        boolean upToDate() {
            return basis != Basis.CHANGED;
        }
    }

    /** The inputs of a generation; the one place that decides what they are. */
    @FunctionalInterface
    interface Inputs {
        /**
         * Every input. With {@code remembered} null, the snapshot's files are found afresh; otherwise they are
         * taken from that list, and null is returned when the snapshot is not of the kind such a list stands for.
         */
        Fingerprint of(SnapshotInputs.Reached remembered) throws IOException;
    }

    private UpToDate() {
    }

    /** {@link #check(Inputs, OutputState, Clock, BiConsumer)} for inputs with nothing to remember. */
    static Verdict check(Fingerprint inputs, OutputState state, Clock clock, BiConsumer<String, IOException> stateProblem)
            throws IOException {
        return check(remembered -> remembered == null ? inputs : null, state, clock, stateProblem);
    }

    /**
     * Compares {@code inputs} with {@code state}. Only a failure to read an input is thrown; a state that
     * cannot be read or written is reported to {@code stateProblem} and treated as absent, since the worst
     * it can cause is one generation or one hashing more.
     */
    static Verdict check(Inputs inputs, OutputState state, Clock clock, BiConsumer<String, IOException> stateProblem)
            throws IOException {
        String stored = null;
        String storedStamp = null;
        try {
            stored = state.fingerprint();
            if (stored != null && state.outputsPresent()) {
                storedStamp = state.stamp();
            } else {
                stored = null;
            }
        } catch (IOException e) {
            stateProblem.accept("airgen: unreadable state in " + state.dir() + ", regenerating", e);
            stored = null;
        }
        SnapshotInputs.Reached recalled = stored != null && storedStamp != null ? recall(inputs, state, storedStamp) : null;
        if (recalled != null) {
            return new Verdict(Basis.STAMP, stored, storedStamp, recalled);
        }

        Fingerprint found = inputs.of(null);
        SnapshotInputs.Reached reached = found.reached();
        // Taken before the contents are read: a write between the two can only make the stamp look stale.
        Fingerprint.Stamp stamp = found.stamp();
        boolean settled = stamp.settled(clock.instant());
        if (stored != null && stamp.hex().equals(storedStamp)) {
            if (reached != null) {
                // The remembered list was missing or stale; with it, the next build need not parse.
                try {
                    state.remember(storedStamp, reached);
                } catch (IOException e) {
                    stateProblem.accept("airgen: cannot record the snapshot's files in " + state.dir() + "; the next build parses them again", e);
                }
            }
            return new Verdict(Basis.STAMP, stored, stamp.hex(), reached);
        }

        String fingerprint = found.hex();
        String vouched = settled ? stamp.hex() : null;
        if (!fingerprint.equals(stored)) {
            return new Verdict(Basis.CHANGED, fingerprint, vouched, reached);
        }
        if (vouched != null) {
            try {
                state.recordStamp(vouched, reached);
            } catch (IOException e) {
                stateProblem.accept("airgen: cannot record the stamp in " + state.dir() + "; the next build compares contents again", e);
            }
        }
        return new Verdict(Basis.CONTENT, fingerprint, vouched, reached);
    }

    /**
     * The files remembered with the stored stamp when they still give that stamp, else null. Any trouble with
     * the list only means the snapshot is parsed, so it is not reported.
     */
    private static SnapshotInputs.Reached recall(Inputs inputs, OutputState state, String storedStamp) {
        try {
            SnapshotInputs.Reached remembered = state.remembered(storedStamp);
            Fingerprint recalled = remembered == null ? null : inputs.of(remembered);
            return recalled != null && recalled.stamp().hex().equals(storedStamp) ? remembered : null;
        } catch (IOException | UncheckedIOException unusable) {
            return null;
        }
    }
}
