package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpToDateTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final FileTime AN_HOUR_AGO = FileTime.from(NOW.minus(Duration.ofHours(1)));

    @TempDir
    Path dir;

    private Path snapshot;
    private OutputState state;
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> problems = new ArrayList<>();
    private int generations;

    @BeforeEach
    void firstGeneration() throws Exception {
        snapshot = Files.createDirectories(dir.resolve("snapshot"));
        write("schema-map.json", "{\"a\": 1}", AN_HOUR_AGO);
        write("catalog.json", "[]", AN_HOUR_AGO);
        state = new OutputState(dir.resolve("state"));

        UpToDate.Verdict first = check();
        assertThat(first.basis()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(first.stamp()).as("settled inputs get a stamp with their first generation").isNotNull();
        generate(first);
        assertThat(generations).isEqualTo(1);
    }

    private void write(String name, String content, FileTime modified) throws IOException {
        Path file = snapshot.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, modified);
    }

    private Fingerprint inputs() throws IOException {
        return new Fingerprint().text("packageName", "com.example").files(SnapshotInputs.of(snapshot));
    }

    private UpToDate.Verdict check() throws IOException {
        return UpToDate.check(inputs(), state, clock, (message, e) -> problems.add(message));
    }

    /** What the goal does with a verdict that says the outputs are stale. */
    private void generate(UpToDate.Verdict verdict) throws IOException {
        FakeGeneration.run(state, dir.resolve("out"), verdict);
        generations++;
    }

    /** Checks, and generates when the verdict asks for it, like one build. */
    private UpToDate.Basis build() throws IOException {
        UpToDate.Verdict verdict = check();
        if (!verdict.upToDate()) {
            generate(verdict);
        }
        return verdict.basis();
    }

    @Test
    void unchangedInputsAreDecidedByTheStampAlone() throws Exception {
        String fingerprint = state.fingerprint();
        UpToDate.Verdict verdict = check();
        assertThat(verdict.basis()).isEqualTo(UpToDate.Basis.STAMP);
        assertThat(verdict.fingerprint()).isEqualTo(fingerprint).isEqualTo(inputs().hex());
        assertThat(generations).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void sameSizeAndTimeIsKnowinglyTakenForUnchangedBytes() throws Exception {
        // The documented bet: contents are not read while size and modification time stay. Had they been
        // hashed, the new byte below would have been seen.
        String before = state.fingerprint();
        write("schema-map.json", "{\"a\": 2}", AN_HOUR_AGO);
        assertThat(inputs().hex()).isNotEqualTo(before);

        UpToDate.Verdict verdict = check();
        assertThat(verdict.basis()).isEqualTo(UpToDate.Basis.STAMP);
        assertThat(verdict.fingerprint()).isEqualTo(before);
        assertThat(generations).isEqualTo(1);
    }

    @Test
    void newBytesOfTheSameSizeWithANewTimeRegenerate() throws Exception {
        String before = state.fingerprint();
        write("schema-map.json", "{\"a\": 2}", FileTime.from(NOW.minus(Duration.ofMinutes(5))));

        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(generations).isEqualTo(2);
        assertThat(state.fingerprint()).isNotEqualTo(before).isEqualTo(inputs().hex());
        assertThat(build()).as("the stamp committed with the generation is trusted next time").isEqualTo(UpToDate.Basis.STAMP);
    }

    @Test
    void aTouchHashesOnceAndRecordsTheNewStampWithoutRegenerating() throws Exception {
        String fingerprint = state.fingerprint();
        String stamp = state.stamp();
        Files.setLastModifiedTime(snapshot.resolve("catalog.json"), FileTime.from(NOW.minus(Duration.ofMinutes(5))));

        assertThat(build()).isEqualTo(UpToDate.Basis.CONTENT);
        assertThat(generations).isEqualTo(1);
        assertThat(state.fingerprint()).isEqualTo(fingerprint);
        assertThat(state.stamp()).isNotEqualTo(stamp).isEqualTo(inputs().stamp().hex());

        assertThat(build()).isEqualTo(UpToDate.Basis.STAMP);
        assertThat(generations).isEqualTo(1);
    }

    @Test
    void inputsModifiedJustNowGetNoStampUntilTheySettle() throws Exception {
        write("schema-map.json", "{\"a\": 3}", FileTime.from(NOW.minusMillis(500)));

        UpToDate.Verdict verdict = check();
        assertThat(verdict.basis()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(verdict.stamp()).isNull();
        generate(verdict);
        assertThat(state.stamp()).isNull();
        assertThat(state.fingerprint()).isEqualTo(inputs().hex());

        assertThat(build()).as("still too recent: contents hashed, no stamp").isEqualTo(UpToDate.Basis.CONTENT);
        assertThat(state.stamp()).isNull();

        clock = Clock.offset(clock, Duration.ofSeconds(3));
        assertThat(build()).isEqualTo(UpToDate.Basis.CONTENT);
        assertThat(state.stamp()).isEqualTo(inputs().stamp().hex());
        assertThat(build()).isEqualTo(UpToDate.Basis.STAMP);
        assertThat(generations).isEqualTo(2);
    }

    @Test
    void aTouchJustNowKeepsTheOldStampInsteadOfRecordingARacyOne() throws Exception {
        String stamp = state.stamp();
        Files.setLastModifiedTime(snapshot.resolve("catalog.json"), FileTime.from(NOW));

        assertThat(build()).isEqualTo(UpToDate.Basis.CONTENT);
        assertThat(state.stamp()).isEqualTo(stamp);
        assertThat(build()).isEqualTo(UpToDate.Basis.CONTENT);
        assertThat(generations).isEqualTo(1);
    }

    @Test
    void aMatchingStampIsNotTrustedWithoutTheFingerprintOrTheOutputs() throws Exception {
        Files.delete(dir.resolve("out/A.java"));
        assertThat(build()).as("an output deleted by hand").isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(generations).isEqualTo(2);

        Files.delete(state.dir().resolve(OutputState.FINGERPRINT));
        assertThat(state.stamp()).isNotNull();
        assertThat(build()).as("a stamp with no fingerprint to vouch for").isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(generations).isEqualTo(3);
    }

    @Test
    void settingsAndFileNamesAreInTheStamp() throws Exception {
        UpToDate.Verdict otherPackage = UpToDate.check(
                new Fingerprint().text("packageName", "com.other").files(SnapshotInputs.of(snapshot)), state, clock, (m, e) -> problems.add(m));
        assertThat(otherPackage.basis()).isEqualTo(UpToDate.Basis.CHANGED);

        write("extra.json", "{}", AN_HOUR_AGO);
        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(generations).isEqualTo(2);
    }

    @Test
    void anUnreadableStateIsReportedAndRegenerated() throws Exception {
        Files.write(state.dir().resolve(OutputState.FINGERPRINT), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThat(check().basis()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(problems).singleElement().asString().startsWith("airgen: unreadable state in ");
    }

    @Test
    void aStampThatCannotBeWrittenOnlyCostsAHashingNextTime() throws Exception {
        Files.delete(state.dir().resolve(OutputState.STAMP));
        Files.createDirectories(state.dir().resolve(OutputState.STAMP).resolve("in-the-way"));

        assertThat(build()).isEqualTo(UpToDate.Basis.CONTENT);
        assertThat(problems).singleElement().asString().startsWith("airgen: cannot record the stamp in ");
        assertThat(generations).isEqualTo(1);
    }
}
