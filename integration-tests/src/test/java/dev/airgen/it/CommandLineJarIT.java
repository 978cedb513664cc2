package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The generator's command-line jar used without Maven: it generates from the snapshot it bundles, names the
 * jars the output needs, and with exactly those jars the output compiles and validates requests.
 */
class CommandLineJarIT {

    private static final String DRIVER = """
            import dev.airgen.runtime.RunwareClient;
            import dev.airgen.runtime.RunwareValidationException;
            import dev.airgen.runtime.types.TaskRequest;
            import tools.jackson.databind.json.JsonMapper;

            public class Driver {
                public static void main(String[] args) throws Exception {
                    Class<?> type = Class.forName(args[0]);
                    JsonMapper json = JsonMapper.builder().build();
                    String task = "{\\"taskType\\":\\"imageInference\\",\\"taskUUID\\":\\"0b7f4c1e-9a52-4c3a-9a57-2f6b7c1d8e90\\","
                            + "\\"model\\":\\"runware:101@1\\",\\"positivePrompt\\":\\"a lighthouse\\",\\"width\\":%d,\\"height\\":1024}";
                    try (RunwareClient client = RunwareClient.builder().apiKey("unused").build()) {
                        client.validate((TaskRequest<?>) json.readValue(String.format(task, 1024), type));
                        System.out.println("valid request accepted");
                        try {
                            client.validate((TaskRequest<?>) json.readValue(String.format(task, 7), type));
                            System.out.println("invalid request accepted");
                        } catch (RunwareValidationException e) {
                            System.out.println("invalid request refused: " + e.parameters());
                        }
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void generatesFromTheBundledSnapshotAndPrintsTheClassPathItsOutputNeeds() throws Exception {
        Path jar = Path.of(System.getProperty("airgen.cliJar"));
        Path out = dir.resolve("out");

        // No --snapshot: the jar's own.
        String generated = java(List.of("-jar", jar.toString(), "--out", out.toString(), "--package", "com.example.cli",
                "--include", "runware:101@1"));
        assertThat(generated).contains("1 catalog models").contains("needs dev.airgen:airgen-runtime:");

        // The jars, taken from a Maven repository laid out as the list says.
        List<String> coordinates = java(List.of("-jar", jar.toString(), "--runtime-classpath")).lines().toList();
        Path repository = repositoryWith(coordinates);
        String classPath = java(List.of("-jar", jar.toString(), "--runtime-classpath", "--repository", repository.toString())).strip();
        assertThat(classPath.split(File.pathSeparator)).hasSize(coordinates.size());

        // javac with that class path, and nothing else, compiles the output and a small program using it.
        Path classes = dir.resolve("classes");
        List<String> javac = new ArrayList<>(List.of("-d", classes.toString(), "-classpath", classPath, "-proc:none", "-nowarn"));
        try (Stream<Path> sources = Files.walk(out.resolve("java"))) {
            sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> javac.add(p.toString()));
        }
        Path driver = Files.writeString(dir.resolve("Driver.java"), DRIVER);
        javac.add(driver.toString());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler.run(null, null, null, javac.toArray(String[]::new))).as("javac exit code").isZero();

        // The program runs on the same class path: the request class reads, validates, and refuses a bad width.
        JsonNode catalog = JsonMapper.builder().build().readTree(out.resolve("resources/com/example/cli/catalog.json").toFile());
        String requestClass = catalog.get(0).get("requestClass").asString();
        String run = java(List.of("-cp", String.join(File.pathSeparator, classes.toString(), out.resolve("resources").toString(), classPath),
                "Driver", requestClass));
        assertThat(run).contains("valid request accepted").contains("invalid request refused: [width]");
    }

    @Test
    void aPlainJavaDashJarRunsInASecondJvmForAShortRunAndPassesItsExitStatusThrough() throws Exception {
        Path jar = Path.of(System.getProperty("airgen.cliJar"));
        List<String> generate = List.of("-jar", jar.toString(), "--out", dir.resolve("forked").toString(), "--package", "com.example.fork",
                "--include", "runware:101@1");
        Run forked = watch(generate);
        assertThat(forked.exit()).as(forked.output()).isZero();
        assertThat(forked.children()).as("command lines of the processes it started")
                .anySatisfy(args -> assertThat(args).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString()));
        assertThat(forked.output()).contains("1 catalog models");
        assertThat(dir.resolve("forked/java/com/example/fork")).isDirectory();

        // A usage error in the second JVM is this command's exit status and message.
        Run usage = watch(List.of("-jar", jar.toString(), "--out"));
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.output()).contains("missing value after --out");

        // A JVM option: the user chose how to run it, so it runs in that JVM.
        List<String> here = new ArrayList<>(List.of("-Dairgen.cli.fork=false"));
        here.addAll(generate);
        Run inPlace = watch(here);
        assertThat(inPlace.exit()).as(inPlace.output()).isZero();
        assertThat(inPlace.children()).isEmpty();
    }

    /**
     * A finished {@code java} run: its exit status, its output, and the command lines seen of the processes it
     * started (a child shows its parent's command line until it has started its own program).
     */
    private record Run(int exit, String output, java.util.Set<List<String>> children) {
    }

    private Run watch(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        Path log = Files.createTempFile(dir, "java", ".log");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        java.util.Set<List<String>> children = new java.util.LinkedHashSet<>();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (process.isAlive() && System.nanoTime() < deadline) {
            process.children().forEach(child -> children.add(child.info().arguments().map(List::of).orElse(List.of())));
            Thread.sleep(5);
        }
        if (!process.waitFor(1, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish within 2 minutes: " + command);
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), children);
    }

    /** A repository holding each listed jar: AIRgen's own from this build, the others from the build's own repository. */
    private Path repositoryWith(List<String> coordinates) throws IOException {
        Path source = Path.of(System.getProperty("airgen.repository"));
        Path repository = dir.resolve("repository");
        for (String line : coordinates) {
            String[] parts = line.split(":");
            String path = parts[0].replace('.', '/') + "/" + parts[1] + "/" + parts[2] + "/" + parts[1] + "-" + parts[2]
                    + (parts.length > 3 ? "-" + parts[3] : "") + ".jar";
            Path from = parts[0].equals("dev.airgen") ? built(parts[1]) : source.resolve(path);
            Path to = repository.resolve(path);
            Files.createDirectories(to.getParent());
            Files.copy(from, to);
        }
        return repository;
    }

    /** The jar of an AIRgen module from this build (the runtime, the schema core): on the test class path. */
    private static Path built(String artifactId) {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().matches(java.util.regex.Pattern.quote(artifactId) + "-[0-9].*\\.jar")) {
                return path;
            }
        }
        throw new AssertionError("the " + artifactId + " jar is not on the test class path: " + System.getProperty("java.class.path"));
    }

    private String java(List<String> arguments) throws IOException, InterruptedException {
        Run run = watch(arguments);
        assertThat(run.exit()).as(arguments + "\n" + run.output()).isZero();
        return run.output();
    }
}
