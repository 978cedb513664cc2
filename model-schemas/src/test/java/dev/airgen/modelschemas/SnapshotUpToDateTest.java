package dev.airgen.modelschemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The committed snapshot must be exactly what the authoring tree assembles to, so the big files are never
 * edited by hand. Regenerate with {@code ./mvnw -pl model-schemas test -Dairgen.snapshot.write=true}.
 */
class SnapshotUpToDateTest {

    @Test
    void committedSnapshotMatchesTheAuthoringSources() throws IOException {
        SnapshotAssembler assembler = new SnapshotAssembler(SnapshotAssembler.defaultRoot());
        Path dir = SnapshotAssembler.snapshotDir();
        if (Boolean.getBoolean("airgen.snapshot.write")) {
            assembler.write(dir);
        }
        SnapshotAssembler.Output out = assembler.assemble();
        String hint = " differs from what src/authoring assembles to; run ./mvnw -pl model-schemas test -Dairgen.snapshot.write=true";
        assertThat(Files.readString(dir.resolve("schema-map.json"), StandardCharsets.UTF_8))
                .as("schema-map.json" + hint).isEqualTo(out.schemaMap());
        assertThat(Files.readString(dir.resolve("catalog.json"), StandardCharsets.UTF_8))
                .as("catalog.json" + hint).isEqualTo(out.catalog());
    }
}
