package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Representative outputs compared byte for byte with reviewed copies in {@code src/test/resources/golden}.
 * After an intended change, regenerate them with {@code -Dairgen.golden.update=true} and review the diff.
 */
class GoldenFilesTest {

    private static final Map<String, String> GOLDEN = Map.of(
            "request-with-nested-objects-and-unions", "dev/airgen/test/shapes/AcmeVideo1Request.java",
            "provider-settings", "dev/airgen/test/shapes/providers/AcmeVideoSettings.java",
            "open-enum", "dev/airgen/test/shapes/types/OutputFormat.java",
            "shape-union", "dev/airgen/test/shapes/types/HiresFix.java",
            "discriminated-union", "dev/airgen/test/shapes/types/Message.java",
            "result-with-unknown-fields", "dev/airgen/test/shapes/VideoInferenceResult.java",
            "catalog", "dev/airgen/test/shapes/RunwareCatalog.java");

    static GenerationResult result;

    @BeforeAll
    static void generate() throws Exception {
        result = new Generator().generate(GeneratorConfig.of(GeneratedCodeTest.resource("/snapshots/shapes"), "dev.airgen.test.shapes"));
    }

    static Stream<String> cases() {
        return GOLDEN.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matchesGoldenFile(String name) throws Exception {
        String path = GOLDEN.get(name);
        String actual = result.sources().stream().filter(f -> f.relativePath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("not generated: " + path)).text();
        Path golden = Path.of("src/test/resources/golden", name + ".java.txt");
        if (Boolean.getBoolean("airgen.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
