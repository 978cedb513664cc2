package dev.airgen.emulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** One emulator per test class, with faults cleared before each test. */
abstract class SharedEmulatorTest {

    static RunwareEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = TestSupport.builder().start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void clearFaults() {
        emulator.faults().reset();
    }
}
