package dev.airgen.generator.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.generator.testing.Compiled;
import dev.airgen.generator.testing.HostileStrings;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every escaping function against javac itself: adversarial and random strings are written into one class
 * (as Javadoc, line comments, string literals and identifiers), compiled in-process, and read back by
 * reflection and from javac's own view of the doc comments.
 */
class JavaTextTest {

    @TempDir
    Path dir;

    @Test
    void everyContextSurvivesJavacUnchanged() throws Exception {
        List<String> values = new ArrayList<>(HostileStrings.ADVERSARIAL);
        values.addAll(new HostileStrings(20260801L).randomStrings(150));
        StringBuilder source = new StringBuilder("package hostile.text;\n\n");
        source.append("// ").append(JavaText.lineComment(String.join(" | ", values))).append('\n');
        source.append("/** Holds every value. */\npublic final class Values {\n");
        for (int i = 0; i < values.size(); i++) {
            String v = values.get(i);
            source.append("    // ").append(JavaText.lineComment(v)).append('\n');
            source.append("    /**\n     * ").append(JavaText.javadoc(v).replace("\n", "\n     * ")).append("\n     * {@code ")
                    .append(JavaText.javadoc(v).replace("\n", " ")).append("}\n     */\n");
            source.append("    public static final String V").append(i).append(" = ").append(JavaText.stringLiteral(v)).append(";\n");
            source.append("    public static final int ").append(JavaText.identifier("n" + i + "_" + v)).append(" = ").append(i).append(";\n");
        }
        source.append("}\n");
        GenerationResult result = new GenerationResult(List.of(GeneratedFile.source("hostile/text/Values.java", source.toString())), null, null);

        try (Compiled compiled = Compiled.compile(result, dir)) {
            Class<?> type = compiled.load("hostile.text.Values");
            assertThat(System.getProperty(HostileStrings.CANARY)).as("injected code ran").isNull();
            Field[] fields = type.getDeclaredFields();
            assertThat(fields).as("one literal and one identifier per value, nothing added").hasSize(values.size() * 2);
            assertThat(type.getDeclaredMethods()).isEmpty();
            assertThat(type.getDeclaredClasses()).isEmpty();
            for (int i = 0; i < values.size(); i++) {
                assertThat(type.getField("V" + i).get(null)).as("literal %d", i).isEqualTo(values.get(i));
                String doc = compiled.docComments().get("hostile.text.Values#V" + i);
                assertThat(HostileStrings.commentLines(HostileStrings.unescapeHtml(doc))).as("Javadoc %d as javac reads it", i)
                        .contains(HostileStrings.asShownInJavadoc(values.get(i)));
            }
            for (Field f : fields) {
                assertThat(Modifier.isStatic(f.getModifiers())).isTrue();
            }
        }
    }

    @Test
    void identifiersKeepOnlyCharactersJavacKeeps() {
        assertThat(JavaText.identifier("width")).isEqualTo("width");
        assertThat(JavaText.identifier("größe")).isEqualTo("größe");
        assertThat(JavaText.identifier("a\u200bb")).isEqualTo("a_b");
        assertThat(JavaText.identifier("a\u202eb")).isEqualTo("a_b");
        assertThat(JavaText.identifier("class")).isEqualTo("class_");
        assertThat(JavaText.identifier("3d")).isEqualTo("_3d");
        assertThat(JavaText.identifier("")).isEqualTo("__");
        assertThat(JavaText.identifier("\\u0061")).isEqualTo("_u0061");
        assertThat(JavaText.isIdentifier("a\u200bb")).isFalse();
        assertThat(JavaText.isIdentifier("_")).isFalse();
        assertThat(JavaText.isIdentifier("seedImage")).isTrue();
    }

    @Test
    void commentsNeverHoldAnEligibleBackslashOrACommentEnd() {
        for (String v : HostileStrings.ADVERSARIAL) {
            String doc = JavaText.javadoc(v);
            assertThat(doc).doesNotContain("\\").doesNotContain("*/").doesNotContain("\r").doesNotContain("@");
            String line = JavaText.lineComment(v);
            assertThat(line).doesNotContain("\n").doesNotContain("\r");
            // Every run of backslashes has even length, so none of them starts a unicode escape.
            for (String run : line.split("[^\\\\]+")) {
                assertThat(run.length() % 2).as(line).isZero();
            }
        }
    }

    @Test
    void numericLiteralsKeepTheirValueOrAreRefused() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(JavaText.literal(json.readTree("3000000000"), ScalarKind.LONG)).isEqualTo("3000000000L");
        assertThat(JavaText.literal(json.readTree("7"), ScalarKind.LONG)).isEqualTo("7L");
        assertThat(JavaText.literal(json.readTree("7"), ScalarKind.NUMBER)).isEqualTo("7.0");
        assertThat(JavaText.literal(json.readTree("1e300"), null)).isEqualTo("1.0E300");
        assertThat(JavaText.literal(json.readTree("true"), null)).isEqualTo("true");
        assertThatThrownBy(() -> JavaText.literal(json.readTree("3000000000"), ScalarKind.INTEGER))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JavaText.literal(json.readTree("123456789012345678901234567890"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(JavaText.stringLiteral("a\ud800b\"\\")).isEqualTo("\"a\\ud800b\\\"\\\\\"");
    }
}
