package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.generator.testing.Compiled;
import dev.airgen.generator.testing.Snapshots;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.tools.DocumentationTool;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names that would collide never fail a build: slugs equal after normalisation, properties named like Java
 * keywords, {@code Object} methods, the generated classes' own members or common JDK types, and enumeration
 * values that read alike. The result compiles without warnings and passes javadoc's doclint.
 */
class CollisionNamesTest {

    @TempDir
    static Path dir;
    static GenerationResult result;

    private static String model(String slug, String air, String properties) {
        return """
                {"slug":"%s","air":"%s","requestSchema":{"type":"object","additionalProperties":false,
                  "properties":{"taskType":{"const":"imageInference"},"taskUUID":{"type":"string"},"model":{"const":"%s"}%s},
                  "required":["taskType","taskUUID","model"]}}""".formatted(slug, air, air, properties);
    }

    private static final String AWKWARD = """
            ,"class":{"type":"string"},"builder":{"type":"string"},"toString":{"type":"string"},"getClass":{"type":"string"},
            "hashCode":{"type":"integer"},"build":{"type":"boolean"},"_":{"type":"string"},"2x":{"type":"string"},
            "duration":{"type":"integer","enum":[5,10]},"instant":{"type":"object","properties":{"at":{"type":"string"}}},
            "list":{"type":"object","properties":{"items":{"type":"array","items":{"type":"string"}}}},
            "map":{"type":"object","properties":{"x":{"type":"integer"}}},
            "optional":{"type":"string","enum":["yes","no"]},
            "record":{"type":"object","properties":{"record":{"type":"object","properties":{"record":{"type":"string","enum":["a"]}}}}},
            "result":{"type":"object","properties":{"value":{"type":"string"}}},
            "Builder":{"type":"object","properties":{"string":{"type":"string"}}},
            "string":{"type":"string","enum":["a-b","a_b","A B","a.b","",  "-1", "+"]},
            "files":{"type":"array","items":{"type":"object","properties":{"path":{"type":"string"}}}},
            "frameImage":{"type":"object","properties":{"a":{"type":"string"}}},
            "frameImages":{"type":"array","items":{"type":"object","properties":{"b":{"type":"string"}}}},
            "providerSettings":{"type":"object","properties":{"class":{"type":"object","properties":{"int":{"type":"boolean"}}}}}""";

    @BeforeAll
    static void generate() {
        String bundle = "{\"version\":\"1\",\"inference\":[" + String.join(",",
                model("flux-1-dev", "acme:flux@1", AWKWARD),
                model("flux1-dev", "acme:flux@2", ""),
                model("class", "acme:class@1", ""),
                model("acme-video", "acme:video@1", "")) + "],\"modalities\":{\"video\":"
                + "{\"type\":\"object\",\"properties\":{\"taskType\":{\"const\":\"videoInference\"},\"model\":{\"type\":\"string\"}}}}}";
        Path snapshot = Snapshots.write(dir.resolve("in"), Map.of("schema-map.json", bundle));
        result = new Generator().generate(GeneratorConfig.of(snapshot, "dev.airgen.test.names"));
    }

    @Test
    void modelsWhoseSlugsReadAlikeAreBothNamedFromTheirAirs() {
        assertThat(result.api().types()).containsKeys("Flux1DevAirAcmeFluxAt1Request", "Flux1DevAirAcmeFluxAt2Request",
                "ClassRequest", "AcmeVideoRequest", "VideoRequest");
        assertThat(result.api().types()).doesNotContainKey("Flux1DevRequest");
    }

    @Test
    void awkwardNamesGetLegalNonClashingJavaNames() {
        Set<String> types = result.api().types().keySet();
        String request = "Flux1DevAirAcmeFluxAt1Request";
        assertThat(types).contains(request + ".DurationEnum", request + ".InstantObject", request + ".ListObject",
                request + ".MapObject", request + ".OptionalEnum", request + ".RecordObject",
                request + ".RecordObject.RecordObject2", request + ".RecordObject.RecordObject2.RecordEnum", request + ".ResultObject", request + ".BuilderObject",
                request + ".StringEnum", request + ".FileObject", request + ".FrameImage", request + ".FrameImageObject",
                request + ".ClassSettings", request + ".Result");
        assertThat(types).noneMatch(t -> t.endsWith(".Duration") || t.endsWith(".List") || t.endsWith(".Map")
                || t.endsWith(".Optional") || t.endsWith(".Record") || t.endsWith(".Instant") || t.endsWith(".String"));
    }

    @Test
    void generatedCodeCompilesWithoutWarningsAndKeepsEveryJsonName() throws Exception {
        try (Compiled compiled = Compiled.compile(result, dir.resolve("compile"))) {
            Class<?> request = compiled.load("dev.airgen.test.names.Flux1DevAirAcmeFluxAt1Request");
            Set<String> methods = new TreeSet<>();
            for (Method m : request.getDeclaredMethods()) {
                methods.add(m.getName());
            }
            assertThat(methods).contains("classValue", "builderValue", "toStringValue", "getClassValue", "hashCodeValue",
                    "buildValue", "v2X", "valueValue", "duration", "optional", "record", "result");
            Class<?> values = compiled.load("dev.airgen.test.names.Flux1DevAirAcmeFluxAt1Request$StringEnum");
            List<String> constants = new ArrayList<>();
            Arrays.stream(values.getFields()).forEach(f -> constants.add(f.getName()));
            assertThat(constants).contains("A_B", "A_B_2", "A_B_3", "A_B_4", "EMPTY", "MINUS_1", "PLUS");
            Object read = tools.jackson.databind.json.JsonMapper.builder().build().readValue(
                    "{\"taskType\":\"imageInference\",\"taskUUID\":\"u\",\"model\":\"acme:flux@1\",\"class\":\"c\",\"toString\":\"t\","
                            + "\"2x\":\"d\",\"string\":\"a.b\",\"_\":\"underscore\"}", request);
            assertThat(request.getMethod("classValue").invoke(read).toString()).contains("c");
            assertThat(request.getMethod("toStringValue").invoke(read).toString()).contains("t");
        }
    }

    @Test
    void generatedCodePassesDoclint() throws Exception {
        Path sources = dir.resolve("doc/java");
        result.writeTo(sources, dir.resolve("doc/resources"));
        List<Path> files = new ArrayList<>();
        for (GeneratedFile f : result.sources()) {
            files.add(sources.resolve(f.relativePath()));
        }
        DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
        StringWriter out = new StringWriter();
        try (StandardJavaFileManager fm = javadoc.getStandardFileManager(null, null, null)) {
            Path target = Files.createDirectories(dir.resolve("doc/html"));
            List<String> options = List.of("-Xdoclint:all,-missing", "-quiet", "-d", target.toString(),
                    "-classpath", System.getProperty("java.class.path"), "-encoding", "UTF-8", "--release", "17");
            boolean ok = javadoc.getTask(out, fm, null, null, options, fm.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as(out.toString()).isTrue();
        }
        assertThat(out.toString()).doesNotContain("warning").doesNotContain("error");
    }
}
