package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An include or exclude glob that selects nothing fails generation, naming the glob and what is near it. */
class FilterErrorsTest {

    @TempDir
    Path dir;

    private static Path shapes() throws Exception {
        return GeneratedCodeTest.resource("/snapshots/shapes");
    }

    private static ConfigurationException failure(GeneratorConfig config) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> new Generator().generate(config));
        assertThat(thrown).isInstanceOf(ConfigurationException.class);
        return (ConfigurationException) thrown;
    }

    @Test
    void aMistypedProviderNamesTheGlobAndTheNearestProviders() {
        ConfigurationException e = failure(GeneratorConfig.of(BundledSnapshotTest.bundledSnapshot(), "x.y").withIncludes(List.of("klingia:*")));
        assertThat(e.parameter()).isEqualTo("includes");
        assertThat(e.getMessage()).startsWith("includes: include 'klingia:*' matches no model of the snapshot (")
                .contains("; nearest providers: klingai, ");
    }

    @Test
    void aMistypedVersionNamesTheNearestAirs() throws Exception {
        ConfigurationException e = failure(GeneratorConfig.of(shapes(), "x.y").withIncludes(List.of("acme:video@2")));
        assertThat(e.getMessage()).isEqualTo("includes: include 'acme:video@2' matches no model of the snapshot (3 AIRs); "
                + "nearest AIRs: acme:video@1, acme:image@1, civitai:101@202");
    }

    @Test
    void everyIncludeMustMatchEvenWhenAnotherDoes() throws Exception {
        ConfigurationException e = failure(GeneratorConfig.of(shapes(), "x.y").withIncludes(List.of("acme:*", "civitia:*")));
        assertThat(e.getMessage()).startsWith("includes: include 'civitia:*' matches no model").endsWith("nearest providers: civitai, acme");
    }

    @Test
    void anExcludeThatMatchesNothingFailsToo() throws Exception {
        ConfigurationException e = failure(GeneratorConfig.of(shapes(), "x.y").withExcludes(List.of("acme:vidoe@*")));
        assertThat(e.parameter()).isEqualTo("excludes");
        assertThat(e.getMessage()).startsWith("excludes: exclude 'acme:vidoe@*' matches no model of the snapshot (3 AIRs); nearest AIRs: acme:video@1");
    }

    @Test
    void includesThatTheExcludesEmptyFail() throws Exception {
        ConfigurationException e = failure(GeneratorConfig.of(shapes(), "x.y").withIncludes(List.of("acme:*")).withExcludes(List.of("acme:*")));
        assertThat(e.getMessage()).isEqualTo("includes: the includes [acme:*] less the excludes [acme:*] leave no model to generate");
    }

    @Test
    void globsThatMatchOnlyCatalogModelsAreFine() throws Exception {
        GenerationResult result = new Generator().generate(GeneratorConfig.of(shapes(), "x.y").withIncludes(List.of("civitai:101@*")));
        assertThat(result.report().catalogModels()).isEqualTo(1);
    }

    @Test
    void editDistance() {
        assertThat(AirFilter.distance("klingia", "klingai")).isEqualTo(2);
        assertThat(AirFilter.distance("", "abc")).isEqualTo(3);
        assertThat(AirFilter.distance("runware:101@1", "runware:101@1")).isZero();
        assertThat(AirFilter.distance("kitten", "sitting")).isEqualTo(3);
    }

    @Test
    void theCommandLineReportsItAsAUsageError() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--snapshot", shapes().toString(), "--out", dir.toString(), "--include", "acme:video@2"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("AIRgen: includes: include 'acme:video@2' matches no model");
        assertThat(dir).isEmptyDirectory();
    }
}
