package dev.airgen.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which schemas make {@code async} the delivery of a task that names none, read from a class loader's resources. */
class SchemaDocumentsTest {

    @TempDir
    Path dir;

    private ClassLoader withSchema(String name, String json) throws Exception {
        Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    private boolean asyncByDefault(String deliveryMethod) throws Exception {
        String schema = "{\"properties\":{\"deliveryMethod\":" + deliveryMethod + "},"
                + "\"$defs\":{\"delivery\":{\"type\":\"string\",\"default\":\"async\"}}}";
        ClassLoader loader = withSchema("s.json", schema);
        boolean first = SchemaDocuments.asyncByDefault(loader, "/s.json");
        assertThat(SchemaDocuments.asyncByDefault(loader, "s.json")).as("the same document, with or without '/'").isEqualTo(first);
        return first;
    }

    @Test
    void asyncWhenTheDeliveryDefaultsToItOrAllowsNothingElse() throws Exception {
        assertThat(asyncByDefault("{\"type\":\"string\",\"enum\":[\"sync\",\"async\"],\"default\":\"async\"}")).isTrue();
        assertThat(asyncByDefault("{\"const\":\"async\"}")).isTrue();
        assertThat(asyncByDefault("{\"enum\":[\"async\"]}")).isTrue();
        assertThat(asyncByDefault("{\"$ref\":\"#/$defs/delivery\"}")).as("through a local reference").isTrue();
    }

    @Test
    void notAsyncOtherwise() throws Exception {
        assertThat(asyncByDefault("{\"type\":\"string\",\"enum\":[\"sync\",\"async\"],\"default\":\"sync\"}")).isFalse();
        assertThat(asyncByDefault("{\"enum\":[\"sync\",\"async\"]}")).isFalse();
        assertThat(asyncByDefault("{\"$ref\":\"#/$defs/missing\"}")).isFalse();
        assertThat(SchemaDocuments.asyncByDefault(withSchema("none.json", "{\"properties\":{}}"), "none.json")).isFalse();
    }

    @Test
    void aMissingDocumentIsNamed() throws Exception {
        ClassLoader loader = withSchema("other.json", "{}");
        assertThatThrownBy(() -> SchemaDocuments.asyncByDefault(loader, "/absent.json"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/absent.json");
    }
}
