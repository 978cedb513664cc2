package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {

    @TempDir
    Path dir;

    private String of(Map<String, String> files, String packageName) throws Exception {
        Map<String, Path> inputs = new TreeMap<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve("f" + inputs.size() + "-" + System.nanoTime());
            Files.writeString(file, f.getValue());
            inputs.put(f.getKey(), file);
        }
        return new Fingerprint().text("packageName", packageName).files(inputs).hex();
    }

    @Test
    void sameInputsGiveTheSameFingerprintWhereverTheFilesLive() throws Exception {
        assertThat(of(Map.of("a.json", "{}", "b.json", "[]"), "p")).isEqualTo(of(Map.of("a.json", "{}", "b.json", "[]"), "p"))
                .hasSize(64);
    }

    @Test
    void everyPartOfTheInputCounts() throws Exception {
        String base = of(Map.of("a.json", "{}", "b.json", "[]"), "p");
        assertThat(of(Map.of("a.json", "{ }", "b.json", "[]"), "p")).as("a byte").isNotEqualTo(base);
        assertThat(of(Map.of("a.json", "{}", "c.json", "[]"), "p")).as("a file name").isNotEqualTo(base);
        assertThat(of(Map.of("a.json", "{}"), "p")).as("a missing file").isNotEqualTo(base);
        assertThat(of(Map.of("a.json", "{}", "b.json", "[]"), "q")).as("configuration").isNotEqualTo(base);
    }

    @Test
    void contentCannotShiftBetweenEntries() throws Exception {
        assertThat(of(Map.of("a.json", "{}x", "b.json", "y"), "p")).isNotEqualTo(of(Map.of("a.json", "{}", "b.json", "xy"), "p"));
        assertThat(new Fingerprint().text("a", "bc").text("d", "").hex()).isNotEqualTo(new Fingerprint().text("a", "b").text("d", "c").hex());
        assertThat(new Fingerprint().text("a", null).hex()).isNotEqualTo(new Fingerprint().text("a", "").hex());
    }
}
