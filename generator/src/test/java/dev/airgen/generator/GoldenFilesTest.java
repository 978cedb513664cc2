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
 * Outputs compared with reviewed copies in {@code src/test/resources/golden}: whole sources of the "shapes"
 * snapshot, and the public API listings of five real task schemas (frozen in {@code snapshots/api}), which are
 * the specification of what a user's code can rely on. After an intended change, regenerate them with
 * {@code -Dairgen.golden.update=true} and review the diff.
 */
class GoldenFilesTest {

    private static final Map<String, String> SOURCES = Map.of(
            "request-with-nested-types", "dev/airgen/test/shapes/AcmeVideo1Request.java",
            "discriminated-union", "dev/airgen/test/shapes/AcmeImage1Request.java",
            "catalog", "dev/airgen/test/shapes/RunwareCatalog.java");

    private static final Map<String, String> API = Map.of(
            "flux-1-dev", "BflFlux1DevRequest",
            "veo-3-1", "GoogleVeo31Request",
            "ideogram-3-0", "Ideogram30Request",
            "gpt-5-4", "OpenaiGpt54Request",
            "sdxl-architecture", "SdxlRequest");

    static GenerationResult shapes;
    static GenerationResult api;

    @BeforeAll
    static void generate() throws Exception {
        shapes = new Generator().generate(GeneratorConfig.of(GeneratedCodeTest.resource("/snapshots/shapes"), "dev.airgen.test.shapes"));
        api = new Generator().generate(GeneratorConfig.of(GeneratedCodeTest.resource("/snapshots/api"), "com.example.runware"));
    }

    static Stream<String> sources() {
        return SOURCES.keySet().stream().sorted();
    }

    static Stream<String> listings() {
        return API.keySet().stream().sorted();
    }

    @ParameterizedTest
    @MethodSource("sources")
    void sourceMatchesGoldenFile(String name) throws Exception {
        String path = SOURCES.get(name);
        String actual = shapes.sources().stream().filter(f -> f.relativePath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("not generated: " + path)).text();
        compare(Path.of("src/test/resources/golden", name + ".java.txt"), actual);
    }

    @ParameterizedTest
    @MethodSource("listings")
    void publicApiMatchesGoldenListing(String name) throws Exception {
        String listing = api.api().of(API.get(name)).listing();
        assertThat(listing).as("no API for " + API.get(name)).isNotEmpty();
        compare(Path.of("src/test/resources/golden/api", name + ".txt"), listing);
    }

    private static void compare(Path golden, String actual) throws Exception {
        if (Boolean.getBoolean("airgen.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
