package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputStateTest {

    @TempDir
    Path dir;

    private final List<Path> opened = new ArrayList<>();
    private final List<Path> deleted = new ArrayList<>();

    private final OutputState.Sink sink = new OutputState.Sink() {
        @Override
        public OutputStream open(Path file) throws IOException {
            opened.add(file);
            return Files.newOutputStream(file);
        }

        @Override
        public void deleted(Path file) {
            deleted.add(file);
        }
    };

    private OutputState.Target target(String relative, String content) {
        return new OutputState.Target(dir.resolve("out").resolve(relative), content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writesOnlyChangedFilesAndDeletesStaleOnes() throws Exception {
        OutputState state = new OutputState(dir.resolve("state"));
        List<Path> roots = List.of(dir.resolve("out"));
        OutputState.Result first = state.sync(List.of(target("p/A.java", "a"), target("p/B.java", "b"), target("p/old/C.java", "c")), roots, sink);
        assertThat(first).isEqualTo(new OutputState.Result(3, 0, 0));

        FileTime past = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(dir.resolve("out/p/A.java"), past);
        opened.clear();
        OutputState.Result second = state.sync(List.of(target("p/A.java", "a"), target("p/B.java", "b2")), roots, sink);

        assertThat(second).isEqualTo(new OutputState.Result(1, 1, 1));
        assertThat(opened).containsExactly(dir.resolve("out/p/B.java").toAbsolutePath());
        assertThat(Files.getLastModifiedTime(dir.resolve("out/p/A.java"))).isEqualTo(past);
        assertThat(Files.readString(dir.resolve("out/p/B.java"))).isEqualTo("b2");
        assertThat(deleted).containsExactly(dir.resolve("out/p/old/C.java").toAbsolutePath());
        assertThat(dir.resolve("out/p/old")).doesNotExist();
        assertThat(dir.resolve("out/p")).isDirectory();
    }

    @Test
    void emptiedFoldersArePrunedButTheRootsStay() throws Exception {
        OutputState state = new OutputState(dir.resolve("state"));
        List<Path> roots = List.of(dir.resolve("out"));
        state.sync(List.of(target("a/b/C.java", "c")), roots, sink);
        Files.writeString(dir.resolve("out/mine.txt"), "not generated");
        state.sync(List.of(), roots, sink);
        assertThat(dir.resolve("out/a")).doesNotExist();
        assertThat(dir.resolve("out/mine.txt")).hasContent("not generated");
    }

    @Test
    void fingerprintIsOnlyTrustedTogetherWithTheOutputs() throws Exception {
        OutputState state = new OutputState(dir.resolve("state"));
        assertThat(state.fingerprint()).isNull();
        assertThat(state.outputsPresent()).isFalse();
        state.sync(List.of(target("A.java", "a")), List.of(dir.resolve("out")), sink);
        state.commit("abc", null, null);
        assertThat(state.fingerprint()).isEqualTo("abc");
        assertThat(state.outputsPresent()).isTrue();

        Files.delete(dir.resolve("out/A.java"));
        assertThat(state.outputsPresent()).as("a deleted output forces a regeneration").isFalse();

        state.invalidate();
        assertThat(state.fingerprint()).isNull();
        try (var files = Files.list(dir.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(OutputState.MANIFEST);
        }
    }

    private static final SnapshotInputs.Reached REACHED = new SnapshotInputs.Reached(
            new java.util.TreeSet<>(List.of("schema-map.json", "defs/common one.json")), new java.util.TreeSet<>(List.of("later.json")));

    @Test
    void theRememberedFilesBelongToOneStampAndAreDroppedWithoutOne() throws Exception {
        OutputState state = new OutputState(dir.resolve("state"));
        state.sync(List.of(target("A.java", "a")), List.of(dir.resolve("out")), sink);
        state.commit("abc", "s1", REACHED);
        assertThat(state.remembered("s1")).isEqualTo(REACHED);
        assertThat(state.remembered("s2")).as("a list is only used with the stamp it was taken with").isNull();

        state.recordStamp("s2", null);
        assertThat(state.remembered("s2")).as("inputs with nothing to remember leave no list behind").isNull();
        assertThat(dir.resolve("state").resolve(OutputState.INPUTS)).doesNotExist();

        state.recordStamp("s3", REACHED);
        state.commit("def", null, REACHED);
        assertThat(dir.resolve("state").resolve(OutputState.INPUTS)).as("no stamp, no list").doesNotExist();

        state.recordStamp("s4", new SnapshotInputs.Reached(new java.util.TreeSet<>(List.of("a.json", "line\nbreak.json")), new java.util.TreeSet<>()));
        assertThat(state.remembered("s4")).as("a name that does not fit on a line is never remembered").isNull();

        state.recordStamp("s5", REACHED);
        Path list = dir.resolve("state").resolve(OutputState.INPUTS);
        Files.writeString(list, Files.readString(list) + "garbage\n");
        assertThat(state.remembered("s5")).as("a garbled list is not used").isNull();
    }

    @Test
    void theStampFollowsItsFingerprintAndGoesWithIt() throws Exception {
        OutputState state = new OutputState(dir.resolve("state"));
        assertThat(state.stamp()).isNull();
        state.sync(List.of(target("A.java", "a")), List.of(dir.resolve("out")), sink);
        state.commit("abc", "s1", null);
        assertThat(state.fingerprint()).isEqualTo("abc");
        assertThat(state.stamp()).isEqualTo("s1");
        state.recordStamp("s2", null);
        assertThat(state.stamp()).isEqualTo("s2");
        state.commit("def", null, null);
        assertThat(state.stamp()).as("a commit without a stamp leaves none behind").isNull();

        state.commit("abc", "s1", REACHED);
        assertThat(state.remembered("s1")).isEqualTo(REACHED);
        state.invalidate();
        assertThat(state.remembered("s1")).as("the list goes with its stamp").isNull();
        assertThat(state.fingerprint()).isNull();
        assertThat(state.stamp()).isNull();
        try (var files = Files.list(dir.resolve("state"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(OutputState.MANIFEST);
        }
    }
}
