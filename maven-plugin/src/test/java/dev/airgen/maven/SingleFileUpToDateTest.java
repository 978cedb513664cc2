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

/** A snapshot given as one file: its {@code $ref}'d files are remembered so a no-op build parses nothing. */
class SingleFileUpToDateTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
    private static final FileTime AN_HOUR_AGO = FileTime.from(NOW.minus(Duration.ofHours(1)));
    private static final FileTime TEN_MINUTES_AGO = FileTime.from(NOW.minus(Duration.ofMinutes(10)));

    @TempDir
    Path dir;

    private Path snapshot;
    private String entry = "schema-map.json";
    private OutputState state;
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final List<String> problems = new ArrayList<>();
    private int parses;
    private int generations;

    @BeforeEach
    void firstGeneration() throws Exception {
        snapshot = Files.createDirectories(dir.resolve("snapshot"));
        write("schema-map.json", "{'a': {'$ref': 'common.json'}, 'b': {'$ref': 'later.json#/x'}}", AN_HOUR_AGO);
        write("common.json", "{'x': 1}", AN_HOUR_AGO);
        write("extras.json", "{}", AN_HOUR_AGO);
        state = new OutputState(dir.resolve("state"));

        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(parses).isEqualTo(1);
        assertThat(state.remembered(state.stamp())).isEqualTo(reached(List.of("common.json", "schema-map.json"), List.of("later.json")));
    }

    private void write(String name, String json, FileTime modified) throws IOException {
        Path file = snapshot.resolve(name);
        Files.writeString(file, json.replace('\'', '"'), StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, modified);
    }

    private static SnapshotInputs.Reached reached(List<String> present, List<String> absent) {
        return new SnapshotInputs.Reached(new java.util.TreeSet<>(present), new java.util.TreeSet<>(absent));
    }

    /** Shaped like the goal's inputs for a single-file snapshot, counting the parses. */
    private Fingerprint inputs(SnapshotInputs.Reached remembered) throws IOException {
        Path file = snapshot.resolve(entry);
        if (remembered == null) {
            parses++;
        }
        return new Fingerprint().text("packageName", "com.example").text("snapshot", "file " + entry)
                .reached(SnapshotInputs.root(file), remembered != null ? remembered : SnapshotInputs.reach(file));
    }

    private UpToDate.Basis build() throws IOException {
        UpToDate.Verdict verdict = UpToDate.check(this::inputs, state, clock, (message, e) -> problems.add(message));
        if (!verdict.upToDate()) {
            FakeGeneration.run(state, dir.resolve("out"), verdict);
            generations++;
        }
        return verdict.basis();
    }

    @Test
    void aNoOpBuildStampsTheRememberedFilesWithoutParsing() throws Exception {
        // Same size, same time, but now reaching extras.json: had the file been parsed, extras.json would
        // have joined the inputs and moved the stamp.
        write("schema-map.json", "{'a': {'$ref': 'extras.json'}, 'b': {'$ref': 'later.json#/x'}}", AN_HOUR_AGO);
        assertThat(SnapshotInputs.reach(snapshot.resolve(entry)).present()).contains("extras.json");
        parses = 0;

        assertThat(build()).isEqualTo(UpToDate.Basis.STAMP);
        assertThat(build()).isEqualTo(UpToDate.Basis.STAMP);
        assertThat(parses).isZero();
        assertThat(generations).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aChangedReferencedFileRegenerates() throws Exception {
        write("common.json", "{'x': 22}", TEN_MINUTES_AGO);
        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(generations).isEqualTo(2);

        parses = 0;
        assertThat(build()).as("the list committed with the new generation is used").isEqualTo(UpToDate.Basis.STAMP);
        assertThat(parses).isZero();
    }

    @Test
    void aReferencedFileThatAppearsRegeneratesEvenWithAnOldTime() throws Exception {
        write("later.json", "{'x': 3}", AN_HOUR_AGO);
        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(generations).isEqualTo(2);
        assertThat(state.remembered(state.stamp())).isEqualTo(reached(List.of("common.json", "later.json", "schema-map.json"), List.of()));

        Files.delete(snapshot.resolve("later.json"));
        assertThat(build()).as("and its disappearance regenerates too").isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(generations).isEqualTo(3);
    }

    @Test
    void aMissingOrGarbledListFallsBackToParsingAndIsWrittenAgain() throws Exception {
        Path list = state.dir().resolve(OutputState.INPUTS);
        SnapshotInputs.Reached expected = state.remembered(state.stamp());
        for (String damage : List.of("deleted", "garbled", "not UTF-8", "another stamp's")) {
            switch (damage) {
                case "deleted" -> Files.delete(list);
                case "garbled" -> Files.writeString(list, Files.readString(list).replace("present ", "presnet "));
                case "not UTF-8" -> Files.write(list, new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
                default -> Files.writeString(list, Files.readString(list).replace(state.stamp(), "0".repeat(64)));
            }
            parses = 0;
            assertThat(build()).as(damage).isEqualTo(UpToDate.Basis.STAMP);
            assertThat(parses).as(damage).isEqualTo(1);
            assertThat(state.remembered(state.stamp())).as(damage).isEqualTo(expected);

            assertThat(build()).as(damage).isEqualTo(UpToDate.Basis.STAMP);
            assertThat(parses).as("%s: the rewritten list serves the next build", damage).isEqualTo(1);
        }
        assertThat(generations).isEqualTo(1);
        assertThat(problems).isEmpty();
    }

    @Test
    void aListRememberedForAnotherFileOfTheFolderDoesNotPass() throws Exception {
        write("other.json", "{'a': {'$ref': 'common.json'}}", AN_HOUR_AGO);
        entry = "other.json";
        parses = 0;
        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(parses).isEqualTo(1);
    }

    @Test
    void aRememberedFileThatWasDeletedFallsBackAndRegenerates() throws Exception {
        Files.delete(snapshot.resolve("common.json"));
        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(state.remembered(state.stamp())).isEqualTo(reached(List.of("schema-map.json"), List.of("common.json", "later.json")));
    }

    @Test
    void aNewGenerationDropsTheListUntilItsStampIsRecorded() throws Exception {
        state.invalidate();
        assertThat(state.dir().resolve(OutputState.INPUTS)).doesNotExist();
        assertThat(build()).isEqualTo(UpToDate.Basis.CHANGED);
        assertThat(state.dir().resolve(OutputState.INPUTS)).isRegularFile();
    }
}
