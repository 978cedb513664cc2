package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.schema.snapshot.BundledSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The documentation names only classes that exist and states counts that match the bundled snapshot.
 *
 * <p>Checked: {@code README.md}, {@code docs/*.md} and every module's {@code README.md}, outside fenced code
 * blocks (Java blocks are compiled elsewhere). {@code docs/benchmarks.md} is left out: the benchmark runner
 * writes it, and it names classes of the other tools it measures. A class name is a backticked word in
 * UpperCamelCase, with any nested names after it ({@code Message.Unknown}, {@code RunwareClient.builder()}
 * counts as {@code RunwareClient}). It exists when this project declares it, when a real generation declares
 * it (the bundled snapshot, generated for this module's tests, and the generator's test snapshot, whose
 * shapes the bundled one lacks), when a project source imports it or names it qualified, or when the JDK has it.
 */
class DocsStayTrueTest {

    /** Backticked words that look like class names but are not. */
    private static final Map<String, String> NOT_CLASSES = Map.of(
            "Authorization", "an HTTP header",
            "ETag", "an HTTP header",
            "Bearer", "an HTTP authentication scheme",
            "Request", "the suffix of request class names",
            "Result", "the suffix of result class names",
            "Settings", "the suffix of provider settings class names",
            "Value", "the suffix that escapes reserved member names");

    private static final List<String> JDK_PACKAGES = List.of("java.lang", "java.util", "java.util.concurrent", "java.util.function",
            "java.time", "java.io", "java.nio.file", "java.net", "java.net.http");

    private static final Pattern BACKTICKED = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern CLASS_PATH = Pattern.compile("([A-Z][A-Za-z0-9_]*)((?:\\.[A-Z][A-Za-z0-9_]*)*)(?![A-Za-z0-9_-])");
    private static final Pattern DECLARATION = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Z][A-Za-z0-9_]*)");
    /** An import, or a class named by its qualified name in code. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b[a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)+\\.([A-Z][A-Za-z0-9_]*)");

    private static Path root;
    /** Type name to the names declared in the files that declare it (its nested types among them). */
    private static final Map<String, Set<String>> declared = new HashMap<>();
    private static final Set<String> referenced = new HashSet<>();

    @BeforeAll
    static void collectNames() throws IOException {
        root = Path.of(System.getProperty("airgen.projectRoot")).toAbsolutePath().normalize();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(Files::isDirectory).toList()) {
                // The archetype's templates are the classes of the projects it creates.
                for (String tree : List.of("src/main/java", "src/test/java", "src/test/resources",
                        "src/main/resources/archetype-resources")) {
                    scanSources(module.resolve(tree));
                }
            }
        }
        scanSources(Path.of(System.getProperty("airgen.generatedSources")));
        GenerationResult shapes = new Generator().generate(GeneratorConfig.of(
                root.resolve("generator/src/test/resources/snapshots/shapes"), "dev.airgen.docs.shapes"));
        for (GeneratedFile file : shapes.sources()) {
            scanSource(file.text());
        }
        assertThat(declared).as("declared types found").containsKeys("RunwareClient", "GenerateMojo", "BflFlux1DevRequest", "Message");
    }

    private static void scanSources(Path tree) throws IOException {
        if (!Files.isDirectory(tree)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tree)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                scanSource(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
    }

    private static void scanSource(String source) {
        // Names inside strings and comments declare and use nothing.
        String code = source.replaceAll("\"(?:[^\"\\\\\\n]|\\\\.)*\"", "\"\"").replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Set<String> names = new HashSet<>();
        Matcher declaration = DECLARATION.matcher(code);
        while (declaration.find()) {
            names.add(declaration.group(1));
        }
        for (String name : names) {
            declared.computeIfAbsent(name, n -> new HashSet<>()).addAll(names);
        }
        Matcher qualified = QUALIFIED.matcher(code);
        while (qualified.find()) {
            referenced.add(qualified.group(1));
        }
    }

    @Test
    void everyClassNamedInProseAndTablesExists() throws IOException {
        Map<String, List<String>> missing = new TreeMap<>();
        int checked = 0;
        for (Path doc : documents()) {
            for (Mention mention : mentions(doc)) {
                checked++;
                if (!exists(mention.name())) {
                    missing.computeIfAbsent(mention.name(), n -> new ArrayList<>()).add(root.relativize(doc) + ":" + mention.line());
                }
            }
        }
        assertThat(checked).as("class names found in the docs").isGreaterThan(50);
        assertThat(missing).as("classes the documentation names that do not exist (name -> file:line)").isEmpty();
    }

    @Test
    void theCheckRecognisesMissingClasses() {
        assertThat(exists("RunwareValidationException")).isTrue();
        assertThat(exists("Message.Unknown")).isTrue();
        assertThat(exists("Flow.Publisher")).isTrue();
        assertThat(exists("BflFlux1DevRequest.Result")).isTrue();
        assertThat(exists("Flux1DevResult")).isFalse();
        assertThat(exists("KlingVideoResult")).isFalse();
        assertThat(exists("Message.Known")).isFalse();
        assertThat(exists("Flow.Subscription.Nothing")).isFalse();
    }

    @Test
    void countsMatchTheBundledSnapshot() throws IOException {
        JsonNode bundle = JsonMapper.builder().build().readTree(Files.readAllBytes(
                BundledSnapshot.locate(getClass().getClassLoader()).orElseThrow().resolve("schema-map.json")));
        Path generatedSources = Path.of(System.getProperty("airgen.generatedSources")).resolve("com/example/runware");
        Path catalog = Path.of(System.getProperty("airgen.generatedResources")).resolve("com/example/runware/catalog.json");
        long requestClasses;
        try (Stream<Path> files = Files.list(generatedSources)) {
            requestClasses = files.filter(f -> f.getFileName().toString().endsWith("Request.java")).count();
        }
        Map<String, Long> actual = Map.of(
                "request classes", requestClasses,
                "catalog models", (long) JsonMapper.builder().build().readTree(catalog.toFile()).size(),
                "models with their own schema", (long) bundle.get("inference").size(),
                "architectures", (long) bundle.get("architectures").size(),
                "modalities", (long) bundle.get("modalities").size(),
                "operations", (long) bundle.get("operations").size(),
                "utilities", (long) bundle.get("utilities").size());
        Pattern stated = Pattern.compile("\\b(\\d+) (" + String.join("|", actual.keySet()) + ")\\b");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path doc : documents()) {
            List<String> lines = proseLines(doc);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = stated.matcher(lines.get(i));
                while (m.find()) {
                    checked++;
                    if (Long.parseLong(m.group(1)) != actual.get(m.group(2))) {
                        wrong.add(root.relativize(doc) + ":" + (i + 1) + " says " + m.group() + ", the bundled snapshot has "
                                + actual.get(m.group(2)));
                    }
                }
            }
        }
        assertThat(checked).as("counts found in README.md").isGreaterThanOrEqualTo(actual.size());
        assertThat(wrong).isEmpty();
    }

    private static List<Path> documents() throws IOException {
        List<Path> docs = new ArrayList<>();
        docs.add(root.resolve("README.md"));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md") && !f.getFileName().toString().equals("benchmarks.md")).sorted().forEach(docs::add);
        }
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(docs::add);
        }
        return docs;
    }

    /** The lines of a Markdown file, with the lines of fenced code blocks blanked (so line numbers still hold). */
    private static List<String> proseLines(Path doc) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(doc, StandardCharsets.UTF_8));
        boolean fenced = false;
        for (int i = 0; i < lines.size(); i++) {
            boolean fence = lines.get(i).stripLeading().startsWith("```");
            if (fence || fenced) {
                lines.set(i, "");
            }
            if (fence) {
                fenced = !fenced;
            }
        }
        return lines;
    }

    private record Mention(String name, int line) {
    }

    private static List<Mention> mentions(Path doc) throws IOException {
        List<Mention> mentions = new ArrayList<>();
        List<String> lines = proseLines(doc);
        for (int i = 0; i < lines.size(); i++) {
            Matcher span = BACKTICKED.matcher(lines.get(i));
            while (span.find()) {
                Matcher name = CLASS_PATH.matcher(span.group(1));
                // Only a span that starts with the name: `<Provider>Settings` is a pattern, `-Dairgen.x` an option.
                if (name.lookingAt() && name.group(1).chars().anyMatch(Character::isLowerCase)
                        && !NOT_CLASSES.containsKey(name.group())) {
                    mentions.add(new Mention(name.group(), i + 1));
                }
            }
        }
        return mentions;
    }

    /** {@code Outer} or {@code Outer.Nested...}: declared here or by a generation, used by qualified name or import here, or in the JDK. */
    private static boolean exists(String name) {
        String[] parts = name.split("\\.");
        Set<String> family = declared.get(parts[0]);
        if (family != null && family.containsAll(List.of(parts))) {
            return true;
        }
        if (parts.length == 1 && referenced.contains(name)) {
            return true;
        }
        for (String pkg : JDK_PACKAGES) {
            try {
                Class.forName(pkg + "." + String.join("$", parts), false, ClassLoader.getPlatformClassLoader());
                return true;
            } catch (ClassNotFoundException notThere) {
                // try the next package
            }
        }
        return false;
    }
}
