package dev.airgen.benchmarks.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitWarmUpTest {

    /** A compiler that spends {@code busy[i]} ms during window i (then nothing), and the windows asked for. */
    private static final class Script {
        final long[] busy;
        final List<Double> asked = new ArrayList<>();
        long total;

        Script(long... busy) {
            this.busy = busy;
        }

        double window(double seconds) {
            int i = asked.size();
            asked.add(seconds);
            total += i < busy.length ? busy[i] : 0;
            return 100.0 * (i + 1);
        }
    }

    @Test
    void endsAfterThreeQuietWindowsOnceTheMinimumHasPassed() throws InterruptedException {
        // Busy for 4 windows, then quiet: windows 5, 6 and 7 are the quiet run (14 s), past the 10 s minimum.
        Script s = new Script(900, 500, 300, 100);
        JitWarmUp.Outcome o = new JitWarmUp(10, 100, () -> s.total, () -> true).run(s::window);
        assertTrue(o.quiet());
        assertEquals(14.0, o.seconds(), 1e-9);
        assertEquals(7, s.asked.size());
        assertEquals(700.0, o.lastTasksPerSecond(), 1e-9);
    }

    @Test
    void aQuietRunBeforeTheMinimumDoesNotEndIt() throws InterruptedException {
        Script s = new Script();
        JitWarmUp.Outcome o = new JitWarmUp(20, 100, () -> s.total, () -> true).run(s::window);
        assertTrue(o.quiet());
        assertEquals(20.0, o.seconds(), 1e-9);
    }

    @Test
    void aBusyWindowRestartsTheCount() throws InterruptedException {
        // Quiet, quiet, busy (40 ms is 2% of a 2 s window: not quiet), then quiet three times.
        Script s = new Script(0, 0, 40, 0, 0, 0);
        JitWarmUp.Outcome o = new JitWarmUp(0, 100, () -> s.total, () -> true).run(s::window);
        assertTrue(o.quiet());
        assertEquals(6, s.asked.size());
    }

    @Test
    void stopsAtTheLimitAndSaysTheCompilerWasStillBusy() throws InterruptedException {
        long[] always = new long[100];
        java.util.Arrays.fill(always, 1000);
        Script s = new Script(always);
        JitWarmUp.Outcome o = new JitWarmUp(0, 7, () -> s.total, () -> true).run(s::window);
        assertFalse(o.quiet());
        assertEquals(7.0, o.seconds(), 1e-9);
        assertEquals(List.of(2.0, 2.0, 2.0, 1.0), s.asked);
    }

    @Test
    void withoutACompilerClockItRunsTheLongestWarmUp() throws InterruptedException {
        Script s = new Script();
        JitWarmUp.Outcome o = new JitWarmUp(0, 6, () -> -1, () -> true).run(s::window);
        assertFalse(o.quiet());
        assertEquals(6.0, o.seconds(), 1e-9);
    }

    @Test
    void aCompilationStillRunningOrQueuedKeepsAWindowFromBeingQuiet() throws InterruptedException {
        // The clock shows nothing (a long compilation counts only when it ends), but the queue is busy for the
        // first four windows' ends: the quiet run is windows 5 to 7.
        Script s = new Script();
        int[] asked = {0};
        JitWarmUp.Outcome o = new JitWarmUp(0, 100, () -> s.total, () -> ++asked[0] > 4).run(s::window);
        assertTrue(o.quiet());
        assertEquals(7, s.asked.size());
    }

    @Test
    void readsHotSpotsCompilerQueue() {
        String idle = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n\n";
        String compiling = "Current compiles: \nC2 CompilerThread0   463 %     4       Q::lambda$main$0 @ 4 (38 bytes)\n\n"
                + "C1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n";
        String queued = "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\n"
                + "   512       4       java.util.HashMap::getNode (150 bytes)\n";
        assertTrue(JitWarmUp.queueIsIdle(idle));
        assertFalse(JitWarmUp.queueIsIdle(compiling));
        assertFalse(JitWarmUp.queueIsIdle(queued));
        assertTrue(JitWarmUp.queueIsIdle(null));
    }

    @Test
    void refusesBoundsOutOfOrder() {
        assertThrows(IllegalArgumentException.class, () -> new JitWarmUp(10, 5, () -> 0, () -> true));
    }
}
