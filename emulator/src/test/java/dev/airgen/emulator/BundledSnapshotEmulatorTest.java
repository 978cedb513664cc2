package dev.airgen.emulator;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** One emulator per test class on the bundled snapshot, finishing tasks at once. */
abstract class BundledSnapshotEmulatorTest {

    static RunwareEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = RunwareEmulator.builder().taskDuration(Duration.ZERO).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }
}
