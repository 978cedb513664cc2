package dev.airgen.maven;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the goal does with a verdict that says the outputs are stale, with one tiny generated file. */
final class FakeGeneration {

    private FakeGeneration() {
    }

    static void run(OutputState state, Path out, UpToDate.Verdict verdict) throws IOException {
        state.invalidate();
        state.sync(List.of(new OutputState.Target(out.resolve("A.java"), "class A {}".getBytes(StandardCharsets.UTF_8))),
                List.of(out), new OutputState.Sink() {
                    @Override
                    public OutputStream open(Path file) throws IOException {
                        return Files.newOutputStream(file);
                    }

                    @Override
                    public void deleted(Path file) {
                    }
                });
        state.commit(verdict.fingerprint(), verdict.stamp(), verdict.reached());
    }
}
