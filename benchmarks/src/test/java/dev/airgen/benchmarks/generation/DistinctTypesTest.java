package dev.airgen.benchmarks.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DistinctTypesTest {

    private static final String KLING = """
            package p;
            /** Kling's request. */
            public class KlingRequest {
                @JsonPropertyDescription("Frames per second, for Kling.")
                private Inputs__3 inputs;
                private KlingRequest.OutputFormat outputFormat;
                public enum OutputFormat {
                    MP_4("MP4"), MOV("MOV");
                    private static final Map<String, KlingRequest.OutputFormat> CONSTANTS = new HashMap<>();
                    OutputFormat(String value) { }
                }
                public static class Builder { }
            }
            """;

    @Test
    void aNestedTypeRepeatedInAnotherClassCountsOnceButEachTopLevelClassCounts(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("KlingRequest.java"), KLING);
        Files.writeString(dir.resolve("VeoRequest.java"), KLING.replace("KlingRequest", "VeoRequest")
                .replace("for Kling", "for Veo").replace("Kling's", "Veo's").replace("Inputs__3", "Inputs__7"));
        Files.writeString(dir.resolve("Inputs.java"), "package p; public class Inputs { private String image; }");
        Files.writeString(dir.resolve("Inputs__1.java"), "package p; /** again */ public class Inputs__1 {  private String image; }");
        Files.writeString(dir.resolve("Inputs__2.java"), "package p; public class Inputs__2 { private String video; }");

        // KlingRequest, VeoRequest, OutputFormat (once), Inputs (once), Inputs with video; builders not counted
        assertThat(DistinctTypes.count(dir)).isEqualTo(5);
    }

    @Test
    void enumsWithOtherConstantsStayDistinct(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("KlingRequest.java"), KLING);
        Files.writeString(dir.resolve("VeoRequest.java"), KLING.replace("KlingRequest", "VeoRequest").replace("MOV", "WEBM"));
        assertThat(DistinctTypes.count(dir)).isEqualTo(4);
    }

    @Test
    void commentsAndStringsDoNotConfuseTheScanner() {
        String source = """
                package p;
                // a class Fake { in a comment
                public class Real {
                    String s = "class NotAType { } // not a comment";
                    /* enum Hidden { } */
                    char brace = '{';
                }
                """;
        assertThat(DistinctTypes.keys(source)).hasSize(1).first().asString()
                .startsWith("top class Real").contains("\"class NotAType { } // not a comment\"")
                .doesNotContain("Hidden").doesNotContain("Fake");
    }
}
