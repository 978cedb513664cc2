package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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

    @Test
    void theStampSeesSizeTimeNameAndSettingsButNotTheBytes() throws Exception {
        Path a = dir.resolve("a.json");
        FileTime time = FileTime.fromMillis(1_700_000_000_000L);
        Files.writeString(a, "{\"x\": 1}");
        Files.setLastModifiedTime(a, time);
        String base = new Fingerprint().text("packageName", "p").file("a.json", a).stamp().hex();

        Files.writeString(a, "{\"x\": 2}");
        Files.setLastModifiedTime(a, time);
        assertThat(new Fingerprint().text("packageName", "p").file("a.json", a).stamp().hex()).as("same size and time").isEqualTo(base);

        assertThat(new Fingerprint().text("packageName", "q").file("a.json", a).stamp().hex()).as("a setting").isNotEqualTo(base);
        assertThat(new Fingerprint().text("packageName", "p").file("b.json", a).stamp().hex()).as("a name").isNotEqualTo(base);
        Files.setLastModifiedTime(a, FileTime.fromMillis(time.toMillis() + 1));
        assertThat(new Fingerprint().text("packageName", "p").file("a.json", a).stamp().hex()).as("a time").isNotEqualTo(base);
        Files.writeString(a, "{\"x\": 22}");
        Files.setLastModifiedTime(a, time);
        assertThat(new Fingerprint().text("packageName", "p").file("a.json", a).stamp().hex()).as("a size").isNotEqualTo(base);

        Path copy = Files.copy(a, dir.resolve("elsewhere.json"));
        Files.setLastModifiedTime(copy, time);
        assertThat(new Fingerprint().text("packageName", "p").file("a.json", copy).stamp().hex())
                .as("another copy of the file").isNotEqualTo(new Fingerprint().text("packageName", "p").file("a.json", a).stamp().hex());
    }

    @Test
    void aStampIsSettledOnceItsNewestFileIsOlderThanTheRacyWindow() throws Exception {
        Path old = dir.resolve("old.json");
        Path recent = dir.resolve("recent.json");
        Files.writeString(old, "{}");
        Files.writeString(recent, "{}");
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        Files.setLastModifiedTime(old, FileTime.from(now.minusSeconds(3600)));
        Files.setLastModifiedTime(recent, FileTime.from(now.minusMillis(1500)));

        Fingerprint.Stamp stamp = new Fingerprint().file("old", old).file("recent", recent).stamp();
        assertThat(stamp.newest()).isEqualTo(FileTime.from(now.minusMillis(1500)));
        assertThat(stamp.settled(now)).isFalse();
        assertThat(stamp.settled(now.plusMillis(500))).isTrue();
        assertThat(new Fingerprint().text("only", "settings").stamp().settled(now)).isTrue();
    }

    @Test
    void aSettingsOnlyDigestMatchesTheSameCollector() throws Exception {
        assertThat(Fingerprint.ofText("outputDirectory", "x")).isEqualTo(new Fingerprint().text("outputDirectory", "x").hex());
    }
}
