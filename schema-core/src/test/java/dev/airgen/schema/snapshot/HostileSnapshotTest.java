package dev.airgen.schema.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.airgen.schema.SchemaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile snapshots against the reader: {@code $ref}s never read outside the snapshot and never quote what they
 * reach, links and hidden files of a snapshot folder are not read, duplicate keys fail at the duplicate.
 */
class HostileSnapshotTest {

    private static final String SECRET = "TOPSECRET";

    @TempDir
    Path dir;

    @Test
    void refsNeverReadOutsideTheSnapshotAndNeverQuoteWhatTheyReach() throws Exception {
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.json"), "{\"type\":\"string\",\"description\":\"" + SECRET + "-1\"}");
        Path root = dir.resolve("snapshot");
        Files.createDirectories(root.resolve("sub"));
        Files.writeString(root.resolve(".hidden.json"), "{\"description\":\"" + SECRET + "-2\"}");
        Files.writeString(root.resolve("notes.txt"), SECRET + "-3");
        Files.writeString(root.resolve("broken.json"), SECRET + "4 {");
        String absolute = outside.resolve("secret.json").toAbsolutePath().toString().replace('\\', '/');

        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put(absolute.replace("/", "%2F"), "is not a relative path inside the snapshot folder");
        refusals.put("../outside/secret.json", "leaves the snapshot folder");
        refusals.put("..%2Foutside%2Fsecret.json", "leaves the snapshot folder");
        refusals.put("%2e%2e/outside/secret.json", "leaves the snapshot folder");
        refusals.put("sub/../../outside/secret.json", "leaves the snapshot folder");
        refusals.put("..%5Coutside%5Csecret.json", "is not a relative path inside the snapshot folder");
        refusals.put(".hidden.json", "names a hidden file or folder");
        refusals.put("notes.txt", "is not a .json file");
        refusals.put("broken.json", "is not valid JSON at line 1, column");
        refusals.put(outside.resolve("secret.json").toUri().toString(), "is remote");
        if (symlinks(root.resolve("link.json"), outside.resolve("secret.json")) && symlinks(root.resolve("linked"), outside)) {
            refusals.put("link.json", "is a link to a file outside the snapshot folder");
            refusals.put("linked/secret.json", "is a link to a file outside the snapshot folder");
        }
        for (Map.Entry<String, String> c : refusals.entrySet()) {
            Path snapshot = root.resolve("schema-map.json");
            Files.writeString(snapshot, TestSnapshots.bundleWithProperties("\"x\":{\"$ref\":\"" + c.getKey() + "\"}"));
            Throwable error = catchThrowable(() -> TestSnapshots.readAndResolve(snapshot));
            assertThat(error).as(c.getKey()).isInstanceOf(SchemaException.class)
                    .hasMessageStartingWith("schema-map.json#/inference/0/requestSchema/properties/x/$ref: $ref '" + c.getKey() + "'")
                    .hasMessageContaining(c.getValue())
                    .hasMessageNotContaining(SECRET);
        }

        // A base URI set by $id cannot climb out either.
        Path snapshot = root.resolve("schema-map.json");
        Files.writeString(snapshot, inRequest(TestSnapshots.bundleWithProperties("\"x\":{\"$ref\":\"secret.json\"}"),
                "\"$id\":\"https://snapshot.invalid/%2E%2E/outside/\","));
        assertThatThrownBy(() -> TestSnapshots.readAndResolve(snapshot))
                .isInstanceOf(SchemaException.class).hasMessageContaining("$ref 'secret.json'")
                .hasMessageContaining("leaves the snapshot folder").hasMessageNotContaining(SECRET);
    }

    @Test
    void aSnapshotFolderLinkingOutsideIsRefusedUnread() throws Exception {
        Path outside = dir.resolve("outside");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("secret.json"), "{\"description\":\"" + SECRET + "\"}");
        Path root = TestSnapshots.write(dir.resolve("snapshot"), Map.of("schema-map.json", TestSnapshots.bundleWithProperties("")));
        Assumptions.assumeTrue(symlinks(root.resolve("extra.json"), outside.resolve("secret.json")), "symbolic links unavailable");
        assertThatThrownBy(() -> TestSnapshots.readAndResolve(root))
                .isInstanceOf(SchemaException.class)
                .hasMessage("extra.json#: is a link to a file outside the snapshot folder; a snapshot reads only its own files");
    }

    @Test
    void hiddenFilesOfASnapshotFolderAreNotRead() throws Exception {
        Path root = TestSnapshots.write(dir.resolve("hidden"), Map.of("schema-map.json", TestSnapshots.bundleWithProperties("")));
        Files.writeString(root.resolve(".backup.json"), "{ not json");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config.json"), "{ not json either");
        Snapshot result = TestSnapshots.readAndResolve(root);
        assertThat(result.entries()).isNotEmpty();
    }

    @Test
    void duplicateKeysAreAnErrorAtTheDuplicate() {
        SchemaException e = fails(TestSnapshots.bundleWithProperties("\"width\":{\"type\":\"integer\",\"type\":\"string\"}"));
        assertThat(e.pointer()).isEqualTo("/inference/0/requestSchema/properties/width/type");
        assertThat(e.reason()).startsWith("not valid JSON at line").contains("Duplicate Object property \"type\"");
    }

    private SchemaException fails(String files) {
        Path snapshot = TestSnapshots.write(dir.resolve("limits" + System.nanoTime()), Map.of("schema-map.json", files));
        Throwable error = catchThrowable(() -> TestSnapshots.readAndResolve(snapshot));
        assertThat(error).isInstanceOf(SchemaException.class);
        return (SchemaException) error;
    }

    /** Adds keywords to the request schema of {@link TestSnapshots#bundleWithProperties}, before its {@code required}. */
    private static String inRequest(String bundle, String keywords) {
        int at = bundle.indexOf("\"required\":[\"taskType\"");
        return bundle.substring(0, at) + keywords + bundle.substring(at);
    }

    private static boolean symlinks(Path link, Path target) {
        try {
            Files.createSymbolicLink(link, target);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
