package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} code block of README.md and the Markdown files under {@code docs/} and the modules
 * compiles against the classes this module generates from the whole bundled snapshot into
 * {@code com.example.runware}, which is the README's minimal configuration.
 *
 * <p>A block that declares a class is compiled as it is. Any other block is the body of a method: its
 * {@code import} lines are moved to the top, and it may use the names an HTML comment right before the block
 * declares ({@code <!-- given: BflFlux1DevRequest request, String key -->}), which readers do not see. Every
 * block may use, without importing them, the generated package, the runtime, the emulator and a few JDK
 * types listed in {@link #IMPORTS}.
 */
class DocumentationSnippetsTest {

    static final List<String> IMPORTS = List.of("com.example.runware.*", "dev.airgen.runtime.*", "dev.airgen.runtime.types.*",
            "dev.airgen.emulator.*", "java.net.URI", "java.nio.file.Path", "java.time.Duration", "java.util.List",
            "java.util.Map", "java.util.Optional", "java.util.concurrent.CompletableFuture");

    private static final Pattern BLOCK = Pattern.compile("(?:<!--\\s*given:\\s*(.*?)\\s*-->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern DECLARES_TYPE = Pattern.compile("(?m)^(public\\s+)?(final\\s+)?(class|record|interface|enum)\\s");

    @TempDir
    static Path classes;

    /** One code block: where it is and what it says. */
    record Snippet(String file, int line, String given, String code) {
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        List<Snippet> snippets = snippets(repositoryRoot());
        assertThat(snippets).as("java blocks in the documentation").hasSizeGreaterThanOrEqualTo(5);
        return snippets.stream().map(s -> DynamicTest.dynamicTest(s.file() + ":" + s.line(), () -> compile(s)));
    }

    static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isRegularFile(here.resolve("README.md")) && Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }

    static List<Snippet> snippets(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(root.resolve("README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        try (Stream<Path> modules = Files.list(root)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).filter(p -> !p.getParent().equals(root))
                    .sorted().forEach(files::add);
        }
        List<Snippet> out = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                int line = 1 + (int) text.substring(0, m.start(2)).chars().filter(c -> c == '\n').count();
                out.add(new Snippet(root.relativize(file).toString(), line, m.group(1) == null ? "" : m.group(1), m.group(2)));
            }
        }
        return out;
    }

    private static void compile(Snippet snippet) throws IOException {
        String className = "Snippet" + Integer.toHexString((snippet.file() + snippet.line()).hashCode()).replace('-', 'm');
        StringBuilder source = new StringBuilder();
        IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
        if (DECLARES_TYPE.matcher(snippet.code()).find()) {
            source.append(snippet.code());
            className = null;
        } else {
            StringBuilder body = new StringBuilder();
            for (String line : snippet.code().split("\n", -1)) {
                if (line.startsWith("import ")) {
                    source.append(line).append('\n');
                } else {
                    body.append("        ").append(line).append('\n');
                }
            }
            source.append("\nclass ").append(className).append(" {\n    @SuppressWarnings(\"unused\")\n    void run(")
                    .append(snippet.given()).append(") throws Exception {\n").append(body).append("    }\n}\n");
        }
        String name = className != null ? className : typeName(snippet.code());
        JavaFileObject unit = new SimpleJavaFileObject(java.net.URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-proc:none", "-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString());
            boolean ok = javac.getTask(diagnostics, fm, null, options, null, List.of(unit)).call();
            assertThat(ok).as("%s:%d does not compile:%n%s%nas compiled:%n%s", snippet.file(), snippet.line(), diagnostics, source).isTrue();
        }
    }

    private static String typeName(String code) {
        Matcher m = Pattern.compile("(?:class|record|interface|enum)\\s+(\\w+)").matcher(code);
        return m.find() ? m.group(1) : "Snippet";
    }
}
