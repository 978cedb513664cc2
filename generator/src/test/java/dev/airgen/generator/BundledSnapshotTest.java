package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.testing.Compiled;
import dev.airgen.generator.source.BundledSnapshot;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole snapshot shipped in airgen-model-schemas generates and compiles. */
class BundledSnapshotTest {

    static Path bundledSnapshot() {
        return BundledSnapshot.locate(BundledSnapshotTest.class.getClassLoader()).orElseThrow();
    }

    @Test
    void bundledSnapshotGeneratesAndCompiles(@TempDir Path dir) throws Exception {
        GenerationResult result = new Generator().generate(GeneratorConfig.of(bundledSnapshot(), "dev.airgen.test.bundled"));
        System.out.println("bundled snapshot: " + result.report());
        assertThat(result.report().requestClasses()).isGreaterThan(0);
        try (Compiled compiled = Compiled.compile(result, dir)) {
            assertThat(compiled.load("dev.airgen.test.bundled.RunwareCatalog")).isNotNull();
        }
    }
}
