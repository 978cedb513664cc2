package dev.airgen.maven;

import java.io.IOException;
import java.time.Clock;
import java.util.function.BiConsumer;

/**
 * Decides whether the outputs of the last generation still match the inputs, reading as little as it can.
 *
 * <ol>
 *   <li>The stamp (settings, and every file's location, size and modification time) equals the stored one,
 *       a fingerprint is stored and every output is there: up to date, no file contents read.</li>
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
     */
    record Verdict(Basis basis, String fingerprint, String stamp) {

        boolean upToDate() {
            return basis != Basis.CHANGED;
        }
    }

    private UpToDate() {
    }

    /**
     * Compares {@code inputs} with {@code state}. Only a failure to read an input is thrown; a state that
     * cannot be read or written is reported to {@code stateProblem} and treated as absent, since the worst
     * it can cause is one generation or one hashing more.
     */
    static Verdict check(Fingerprint inputs, OutputState state, Clock clock, BiConsumer<String, IOException> stateProblem)
            throws IOException {
        // Taken before the contents are read: a write between the two can only make the stamp look stale.
        Fingerprint.Stamp stamp = inputs.stamp();
        boolean settled = stamp.settled(clock.instant());

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
        if (stored != null && stamp.hex().equals(storedStamp)) {
            return new Verdict(Basis.STAMP, stored, stamp.hex());
        }

        String fingerprint = inputs.hex();
        String vouched = settled ? stamp.hex() : null;
        if (!fingerprint.equals(stored)) {
            return new Verdict(Basis.CHANGED, fingerprint, vouched);
        }
        if (vouched != null) {
            try {
                state.recordStamp(vouched);
            } catch (IOException e) {
                stateProblem.accept("airgen: cannot record the stamp in " + state.dir() + "; the next build compares contents again", e);
            }
        }
        return new Verdict(Basis.CONTENT, fingerprint, vouched);
    }
}
