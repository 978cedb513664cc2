package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputMirrorTest {

    private static final FileTime OLD = FileTime.fromMillis(946684800000L);

    @TempDir
    Path dir;

    @Test
    void copiesOnlyWhatDiffersDeletesWhatItPlacedBeforeAndLeavesOtherFilesAlone() throws Exception {
        Path from = Files.createDirectories(dir.resolve("from/pkg/schemas"));
        Files.writeString(from.resolve("A.json"), "{\"a\":1}");
        Files.writeString(from.resolve("B.json"), "{\"b\":1}");
        Path output = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(output.resolve("Own.class"), "the user's class");
        OutputMirror mirror = new OutputMirror(dir.resolve("state"), "list.txt", "fingerprint.txt");

        assertThat(mirror.upToDate("g1", output, name -> true)).isFalse();
        assertThat(mirror.copy("g1", dir.resolve("from"), output)).isEqualTo(new OutputMirror.Copied(2, 2, 0));
        assertThat(output.resolve("pkg/schemas/A.json")).hasContent("{\"a\":1}");
        assertThat(mirror.upToDate("g1", output, name -> true)).isTrue();
        assertThat(mirror.upToDate("g2", output, name -> true)).isFalse();
        Files.setLastModifiedTime(output.resolve("pkg/schemas/A.json"), OLD);

        // A new generation: B changes, A keeps its bytes (and its time), C is new; then B goes away.
        Files.writeString(from.resolve("B.json"), "{\"b\":2}");
        Files.writeString(from.resolve("C.json"), "{\"c\":1}");
        assertThat(mirror.copy("g2", dir.resolve("from"), output)).isEqualTo(new OutputMirror.Copied(3, 2, 0));
        assertThat(Files.getLastModifiedTime(output.resolve("pkg/schemas/A.json"))).isEqualTo(OLD);
        Files.delete(from.resolve("B.json"));
        assertThat(mirror.copy("g3", dir.resolve("from"), output)).isEqualTo(new OutputMirror.Copied(2, 0, 1));
        assertThat(output.resolve("pkg/schemas/B.json")).doesNotExist();
        assertThat(output.resolve("Own.class")).hasContent("the user's class");

        // The list survives a new instance (a new build), and a file removed by hand is noticed unless not checked.
        OutputMirror nextBuild = new OutputMirror(dir.resolve("state"), "list.txt", "fingerprint.txt");
        assertThat(nextBuild.listed()).containsExactly("pkg/schemas/A.json", "pkg/schemas/C.json");
        Files.delete(output.resolve("pkg/schemas/C.json"));
        assertThat(nextBuild.upToDate("g3", output, name -> true)).isFalse();
        assertThat(nextBuild.upToDate("g3", output, name -> !name.endsWith("C.json"))).isTrue();
    }

    @Test
    void aMissingSourceFolderRemovesEverythingPlacedBefore() throws Exception {
        Path from = Files.createDirectories(dir.resolve("from"));
        Files.writeString(from.resolve("x.json"), "{}");
        Path output = Files.createDirectories(dir.resolve("classes"));
        OutputMirror mirror = new OutputMirror(dir.resolve("state"), "list.txt", "fingerprint.txt");
        mirror.copy("g1", from, output);

        assertThat(mirror.copy("g2", dir.resolve("gone"), output)).isEqualTo(new OutputMirror.Copied(0, 0, 1));
        assertThat(output.resolve("x.json")).doesNotExist();
        assertThat(mirror.listed()).isEqualTo(List.of());
    }
}
