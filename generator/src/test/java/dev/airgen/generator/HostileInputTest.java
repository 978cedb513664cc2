package dev.airgen.generator;

import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.generator.schema.SchemaLimits;
import dev.airgen.schema.SchemaException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.airgen.generator.testing.Compiled;
import dev.airgen.generator.testing.HostileBundle;
import dev.airgen.generator.testing.HostileStrings;
import dev.airgen.generator.testing.Snapshots;
import dev.airgen.runtime.types.OpenEnum;
import dev.airgen.runtime.types.TaskRequest;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile snapshots against the generator. Strings that try to leave their comment, literal or name, in every
 * schema field that reaches source, compile, read back unchanged and add nothing; input the generator cannot
 * turn into working code fails with {@code file#/pointer}; nothing is written outside the output folders. (That
 * {@code $ref}s never read outside the snapshot is tested with the reader, in schema-core.)
 */
class HostileInputTest {

    @TempDir
    Path dir;

    // --- strings in every field that reaches source ----------------------------------------------

    @Test
    void hostileStringsInEveryFieldCompileReadBackUnchangedAndRunNothing() throws Exception {
        List<HostileBundle> bundles = new ArrayList<>();
        List<GeneratedFile> files = new ArrayList<>();
        Set<String> declared = new HashSet<>();
        for (int round = 0; round < 3; round++) {
            HostileBundle bundle = new HostileBundle();
            List<String> text = round == 0 ? HostileStrings.ADVERSARIAL : new HostileStrings(7_000 + round).randomStrings(60);
            List<String> brief = text.stream().filter(s -> s.length() <= 30).toList();
            for (int m = 0; m < 3; m++) {
                bundle.model(rotate(text, m * 23), rotate(brief, m * 7));
            }
            Path snapshot = Snapshots.write(dir.resolve("in" + round), Map.of(
                    "schema-map.json", bundle.bundleJson(), "catalog.json", bundle.catalogJson()));
            GenerationResult result = new Generator().generate(GeneratorConfig.of(snapshot, "hostile.r" + round));
            files.addAll(result.files());
            for (String type : result.api().types().keySet()) {
                declared.add("hostile/r" + round + "/" + type.replace('.', '$'));
            }
            bundles.add(bundle);
        }
        Path out = dir.resolve("out");
        try (Compiled compiled = Compiled.compile(new GenerationResult(files, null, null), out)) {
            List<Class<?>> classes = new ArrayList<>();
            for (GeneratedFile f : files) {
                if (f.kind() == GeneratedFile.Kind.SOURCE) {
                    classes.add(compiled.load(f.relativePath().replace(".java", "").replace('/', '.')));
                }
            }
            assertThat(System.getProperty(HostileStrings.CANARY)).as("a payload ran").isNull();
            assertThat(System.getProperty("X")).as("the payload of the report ran").isNull();
            assertOnlyGeneratedClassFiles(out.resolve("classes"), declared);
            assertEverythingUnder(out, out.resolve("java"), out.resolve("resources"), out.resolve("classes"));

            for (int round = 0; round < bundles.size(); round++) {
                for (HostileBundle.Model model : bundles.get(round).models()) {
                    assertReadsBack(model, requestClass(classes, model.air()), compiled.docComments());
                }
            }
        }
    }

    private static List<String> rotate(List<String> values, int by) {
        List<String> out = new ArrayList<>(values.subList(by % values.size(), values.size()));
        out.addAll(values.subList(0, by % values.size()));
        return out;
    }

    private static Class<?> requestClass(List<Class<?>> classes, String air) throws Exception {
        for (Class<?> c : classes) {
            if (TaskRequest.class.isAssignableFrom(c) && air.equals(staticValue(c, "MODEL"))) {
                return c;
            }
        }
        throw new AssertionError("no request class sends " + air);
    }

    private static Object staticValue(Class<?> type, String name) throws IllegalAccessException {
        try {
            return type.getField(name).get(null);
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    private static void assertReadsBack(HostileBundle.Model model, Class<?> request, Map<String, String> docs) throws Exception {
        Map<String, Field> byJsonName = jsonProperties(request);
        assertThat(byJsonName.keySet()).as("property names of %s", model.air()).isEqualTo(new HashSet<>(model.propertyNames()));

        List<Object> statics = new ArrayList<>();
        for (Field f : request.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                f.setAccessible(true);
                statics.add(f.get(null));
            }
        }
        // MODEL, TASK_TYPE, the constant property, the schema resource: nothing else was added.
        assertThat(statics).hasSize(4).contains(model.air(), "imageInference", model.constValue());

        String enumProperty = model.propertyNames().get(7);
        assertThat(knownValues(byJsonName.get(enumProperty).getType())).as("enum values").isEqualTo(model.enumValues());
        String choiceProperty = model.propertyNames().get(9);
        assertThat(knownValues(byJsonName.get(choiceProperty).getType())).as("oneOf const values").isEqualTo(model.constEnumValues());

        Class<?> union = byJsonName.get(model.propertyNames().get(10)).getType();
        assertThat(union.getAnnotation(JsonTypeInfo.class).property()).isEqualTo(model.discriminator());
        Set<String> tags = new HashSet<>();
        for (JsonSubTypes.Type t : union.getAnnotation(JsonSubTypes.class).value()) {
            tags.add(t.name());
        }
        assertThat(tags).isEqualTo(new HashSet<>(model.tags()));

        Class<?> definition = byJsonName.get(model.propertyNames().get(11)).getType();
        assertThat(jsonProperties(definition).keySet()).containsExactly(model.definitionProperty());

        StringBuilder allDocs = new StringBuilder();
        docs.forEach((key, doc) -> {
            if (key.startsWith(request.getName() + "#")) {
                allDocs.append(HostileStrings.commentLines(HostileStrings.unescapeHtml(doc))).append('\n');
            }
        });
        for (String description : model.descriptions().values()) {
            assertThat(allDocs.toString()).as("Javadoc shows the description as written").contains(HostileStrings.asShownInJavadoc(description));
        }
    }

    private static Map<String, Field> jsonProperties(Class<?> type) {
        Map<String, Field> out = new HashMap<>();
        for (Field f : type.getDeclaredFields()) {
            JsonProperty p = f.getAnnotation(JsonProperty.class);
            if (p != null) {
                assertThat(out.put(p.value(), f)).as("one field per JSON name").isNull();
            }
        }
        return out;
    }

    private static List<Object> knownValues(Class<?> enumType) throws Exception {
        List<Object> values = new ArrayList<>();
        for (Object constant : (Iterable<?>) enumType.getMethod("knownValues").invoke(null)) {
            values.add(((OpenEnum<?>) constant).value());
        }
        return values;
    }

    /** Every class file is one of the generated types (nested ones included): nothing else was declared. */
    private static void assertOnlyGeneratedClassFiles(Path classes, Set<String> declared) throws IOException {
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String name = classes.relativize(p).toString().replace('\\', '/').replace(".class", "");
                assertThat(declared).as("class file %s", name).contains(name);
            }
        }
    }

    private static void assertEverythingUnder(Path root, Path... allowed) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                assertThat(Stream.of(allowed).anyMatch(p::startsWith)).as("written outside the output folders: %s", p).isTrue();
            }
        }
    }

    // --- $ref stays inside the snapshot ----------------------------------------------------------

    @Test
    void outputPathsCannotLeaveTheOutputFolder() {
        for (String path : List.of("../x.java", "/abs/X.java", "a/./X.java", "a//X.java", "a\\X.java", "C:X.java", "a/..")) {
            assertThatThrownBy(() -> GeneratedFile.source(path, "")).as(path).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(GeneratedFile.source("a/b/X.java", "").relativePath()).isEqualTo("a/b/X.java");
    }

    // --- limits ----------------------------------------------------------------------------------

    private SchemaException fails(String files) {
        Path snapshot = Snapshots.write(dir.resolve("limits" + System.nanoTime()), Map.of("schema-map.json", files));
        Throwable error = catchThrowable(() -> new Generator().generate(GeneratorConfig.of(snapshot, "x.y")));
        assertThat(error).isInstanceOf(SchemaException.class);
        return (SchemaException) error;
    }

    /** Adds keywords to the request schema of {@link Snapshots#bundleWithProperties}, before its {@code required}. */
    private static String inRequest(String bundle, String keywords) {
        int at = bundle.indexOf("\"required\":[\"taskType\"");
        return bundle.substring(0, at) + keywords + bundle.substring(at);
    }

    private static String values(int count, boolean numbers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(i == 0 ? "" : ",").append(numbers ? i + 0.5 + "" : "\"v" + i + "\"");
        }
        return out.toString();
    }

    @Test
    void largeEnumerationsFailWithTheirPointer() {
        SchemaException e = fails(Snapshots.bundleWithProperties("\"big\":{\"enum\":[" + values(10_000, false) + "]}"));
        assertThat(e.getMessage()).startsWith("schema-map.json#/inference/0/requestSchema/properties/big/enum: the enumeration has 10000 values")
                .contains("at most " + SchemaLimits.MAX_ENUM_VALUES);
        SchemaException alternatives = fails(Snapshots.bundleWithProperties("\"big\":{\"oneOf\":["
                + "{\"type\":\"string\"},".repeat(SchemaLimits.MAX_ENUM_VALUES) + "{\"type\":\"integer\"}]}"));
        assertThat(alternatives.getMessage()).startsWith("schema-map.json#/inference/0/requestSchema/properties/big/oneOf: 'oneOf' has 2001 alternatives");
    }

    @Test
    void theLargestAcceptedEnumerationAndObjectCompile() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < SchemaLimits.MAX_PROPERTIES; i++) {
            many.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":{\"type\":\"number\"}");
        }
        Path snapshot = Snapshots.write(dir.resolve("in"), Map.of("schema-map.json", Snapshots.bundleWithProperties(
                "\"big\":{\"enum\":[" + values(SchemaLimits.MAX_ENUM_VALUES, true) + "]},"
                        + "\"wide\":{\"type\":\"object\",\"properties\":{" + many + "}}")));
        GenerationResult result = new Generator().generate(GeneratorConfig.of(snapshot, "limits.ok"));
        try (Compiled compiled = Compiled.compile(result, dir.resolve("out"))) {
            Map<String, Field> request = jsonProperties(compiled.load("limits.ok.TestModelRequest"));
            assertThat(knownValues(request.get("big").getType())).hasSize(SchemaLimits.MAX_ENUM_VALUES).contains(1999.5);
            assertThat(jsonProperties(request.get("wide").getType())).hasSize(SchemaLimits.MAX_PROPERTIES);
        }
        StringBuilder tooMany = new StringBuilder(many).append(",\"last\":{\"type\":\"number\"}");
        SchemaException e = fails(Snapshots.bundleWithProperties("\"wide\":{\"type\":\"object\",\"properties\":{" + tooMany + "}}"));
        assertThat(e.getMessage()).startsWith("schema-map.json#/inference/0/requestSchema/properties/wide: the object has 255 properties");
    }

    @Test
    void deepNestingFailsAtTheLevelTooDeep() {
        StringBuilder schema = new StringBuilder();
        for (int i = 0; i < 240; i++) {
            schema.append("{\"type\":\"object\",\"properties\":{\"level").append(i).append("\":");
        }
        schema.append("{\"type\":\"string\"}").append("}}".repeat(240));
        SchemaException e = fails(Snapshots.bundleWithProperties("\"deep\":" + schema));
        assertThat(e.reason()).isEqualTo("schemas nest more than " + SchemaLimits.MAX_NESTING + " levels deep below the task here");
        assertThat(e.pointer()).startsWith("/inference/0/requestSchema/properties/deep/properties/level0/properties/level1/")
                .endsWith("/properties/level31");

        SchemaException json = fails(Snapshots.bundleWithProperties("\"deep\":{\"default\":" + "[".repeat(600) + "]".repeat(600) + "}"));
        assertThat(json.pointer()).startsWith("/inference/0/requestSchema/properties/deep/default/0/0/0");
        assertThat(json.reason()).startsWith("not valid JSON").contains("nesting depth");
    }

    @Test
    void invalidPatternsFailAtGenerationWithTheirPointer() {
        SchemaException e = fails(Snapshots.bundleWithProperties("\"code\":{\"type\":\"string\",\"pattern\":\"([\"}"));
        assertThat(e.getMessage()).startsWith("schema-map.json#/inference/0/requestSchema/properties/code/pattern: '([' is not a valid regular expression");
        SchemaException key = fails(Snapshots.bundleWithProperties("\"tags\":{\"type\":\"object\",\"patternProperties\":{\"a{2,1}\":{}}}"));
        assertThat(key.getMessage()).startsWith("schema-map.json#/inference/0/requestSchema/properties/tags/patternProperties/a{2,1}: 'a{2,1}' is not a valid");
        SchemaException inRule = fails(inRequest(Snapshots.bundleWithProperties("\"code\":{\"type\":\"string\"}"),
                "\"not\":{\"properties\":{\"code\":{\"pattern\":\"*\"}}},"));
        assertThat(inRule.getMessage()).startsWith("schema-map.json#/inference/0/requestSchema/not/properties/code/pattern:");

        // ECMA-262 long-form property names are translated by the validator, so they are accepted.
        Path snapshot = Snapshots.write(dir.resolve("ok"), Map.of("schema-map.json", Snapshots.bundleWithProperties(
                "\"name\":{\"type\":\"string\",\"pattern\":\"^\\\\p{Letter}+$\"}")));
        assertThat(new Generator().generate(GeneratorConfig.of(snapshot, "x.y")).sources()).isNotEmpty();
    }

    @Test
    void oversizedTextNamesAndNumbersFailWithTheirPointer() {
        String prefix = "schema-map.json#/inference/0/requestSchema/properties/";
        assertThat(fails(Snapshots.bundleWithProperties("\"p\":{\"type\":\"string\",\"description\":\"" + "d".repeat(100_000) + "\"}"))
                .getMessage()).isEqualTo(prefix + "p/description: the description is 100000 characters long; at most "
                        + SchemaLimits.MAX_TEXT + " are accepted");
        assertThat(fails(Snapshots.bundleWithProperties("\"" + "n".repeat(2_000) + "\":{\"type\":\"string\"}")).getMessage())
                .startsWith(prefix + "n".repeat(2_000) + ": the property name is 2000 characters long");
        assertThat(fails(Snapshots.bundleWithProperties("\"e\":{\"enum\":[\"" + "v".repeat(5_000) + "\"]}")).getMessage())
                .startsWith(prefix + "e/enum/0: the value is 5000 characters long");
        assertThat(fails(Snapshots.bundleWithProperties("\"e\":{\"enum\":[1, 123456789012345678901234567890]}")).getMessage())
                .isEqualTo(prefix + "e/enum/1: the integer 123456789012345678901234567890 is outside Java's long range");
        assertThat(fails(Snapshots.bundleWithProperties("\"e\":{\"const\":1e400}")).getMessage())
                .startsWith(prefix + "e/const: the number");
        String longKey = "k".repeat(300);
        assertThat(fails(inRequest(Snapshots.bundleWithProperties("\"x\":{\"$ref\":\"#/$defs/" + longKey + "\"}"),
                "\"$defs\":{\"" + longKey + "\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}},"))
                .getMessage()).startsWith("schema-map.json#/inference/0/requestSchema/$defs/" + longKey + ": the class generated for this schema");
    }
}
