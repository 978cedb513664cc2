package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotInputsTest {

    @TempDir
    Path dir;

    private Path write(String relative, String json) throws Exception {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json.replace('\'', '"'));
        return file;
    }

    @Test
    void aFolderIsEveryJsonFileUnderItSortedByRelativePath() throws Exception {
        write("snap/schema-map.json", "{}");
        write("snap/b/common.json", "{}");
        write("snap/a.json", "{}");
        write("snap/notes.txt", "not an input");
        assertThat(SnapshotInputs.of(dir.resolve("snap")).keySet()).containsExactly("a.json", "b/common.json", "schema-map.json");
    }

    @Test
    void aFileBringsEveryFileItReferencesTransitively() throws Exception {
        Path main = write("main.json", "{'properties': {'a': {'$ref': 'defs/a.json#/x'}, 'self': {'$ref': '#/properties/a'}}}");
        write("defs/a.json", "{'x': {'$ref': 'b.json'}, 'y': {'$ref': 'https://example.com/remote.json'}}");
        write("defs/b.json", "{'$ref': '../main.json'}");
        write("unrelated.json", "{}");
        write("defs/c.json", "{}");
        Map<String, Path> inputs = SnapshotInputs.of(main);
        assertThat(inputs.keySet()).containsExactly("defs/a.json", "defs/b.json", "main.json");
        assertThat(inputs.get("defs/b.json")).isEqualTo(dir.resolve("defs/b.json"));
    }

    @Test
    void referencesResolveAgainstTheEnclosingIdAndNeverLeaveTheFolder() throws Exception {
        Path main = write("snap/main.json", "{'$defs': {'inner': {'$id': 'nested/inner.json', 'properties': {'p': {'$ref': 'shared.json'}}}},"
                + " 'properties': {'q': {'$ref': '../outside.json'}, 'r': {'$ref': 'missing.json'}}}");
        write("snap/nested/shared.json", "{}");
        write("snap/shared.json", "{}");
        write("outside.json", "{}");
        assertThat(SnapshotInputs.of(main).keySet()).containsExactly("main.json", "nested/shared.json");
        SnapshotInputs.Reached reached = SnapshotInputs.reach(main);
        assertThat(reached.present()).containsExactly("main.json", "nested/shared.json");
        assertThat(reached.absent()).as("a reference to no file is kept, one leaving the folder is not")
                .containsExactly("missing.json");
    }

    @Test
    void brokenJsonIsStillAnInput() throws Exception {
        Path main = write("main.json", "{'$ref': 'other.json'");
        write("other.json", "{}");
        assertThat(SnapshotInputs.of(main).keySet()).containsExactly("main.json");
    }
}
