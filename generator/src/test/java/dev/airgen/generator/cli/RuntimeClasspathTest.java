package dev.airgen.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --runtime-classpath}: what the generated code needs, from the list the runtime's build wrote. */
class RuntimeClasspathTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listsTheRuntimeAndTheJarsItResolvedTo() {
        assertThat(run("--runtime-classpath")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> lines = out().lines().toList();
        assertThat(lines.get(0)).matches("dev\\.airgen:airgen-runtime:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(lines).anyMatch(l -> l.startsWith("com.networknt:json-schema-validator:"))
                .anyMatch(l -> l.startsWith("dev.airgen:airgen-schema-core:"))
                .anyMatch(l -> l.startsWith("tools.jackson.core:jackson-databind:"))
                .noneMatch(l -> l.contains("junit") || l.contains("assertj") || l.contains("javapoet"));
        // The list is the runtime's real dependency graph: this test's class path (which holds the runtime and
        // everything it depends on) has each listed jar, by the same file name.
        List<String> classPath = List.of(System.getProperty("java.class.path").split(File.pathSeparator));
        for (RuntimeClasspath.Jar jar : RuntimeClasspath.jars(getClass().getClassLoader()).subList(1, lines.size())) {
            String file = jar.path().substring(jar.path().lastIndexOf('/') + 1);
            // AIRgen's own modules come from this build: a jar, or a module's classes folder before it is packaged.
            String module = File.separator + jar.artifactId().replaceFirst("^airgen-", "") + File.separator + "target" + File.separator + "classes";
            assertThat(classPath).as(jar.coordinates()).anyMatch(entry -> entry.endsWith(File.separator + file)
                    || jar.groupId().equals("dev.airgen") && entry.endsWith(module));
        }
    }

    @Test
    void withARepositoryPrintsTheJarsAsAClassPathOrNamesTheMissingOnes() throws Exception {
        Path repository = dir.resolve("repository");
        List<RuntimeClasspath.Jar> jars = RuntimeClasspath.jars(getClass().getClassLoader());
        for (RuntimeClasspath.Jar jar : jars) {
            Path file = repository.resolve(jar.path());
            Files.createDirectories(file.getParent());
            Files.write(file, new byte[] {0});
        }
        assertThat(run("--runtime-classpath", "--repository", repository.toString())).isZero();
        assertThat(out().strip()).isEqualTo(jars.stream().map(j -> repository.resolve(j.path()).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator)));

        RuntimeClasspath.Jar gone = jars.get(jars.size() - 1);
        Files.delete(repository.resolve(gone.path()));
        assertThat(run("--runtime-classpath", "--repository", repository.toString())).isEqualTo(1);
        assertThat(out()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("1 of " + jars.size() + " jars are not in " + repository.toAbsolutePath())
                .contains(gone.coordinates() + " (" + repository.resolve(gone.path()).toAbsolutePath() + ")");
    }

    @Test
    void repositoryPathsAndCoordinatesConvertBothWays() {
        RuntimeClasspath.Jar plain = RuntimeClasspath.Jar.ofPath("com/ethlo/time/itu/1.17.0/itu-1.17.0.jar");
        assertThat(plain.coordinates()).isEqualTo("com.ethlo.time:itu:1.17.0");
        RuntimeClasspath.Jar classified = RuntimeClasspath.Jar.ofPath("org/example/lib/2.0-SNAPSHOT/lib-2.0-SNAPSHOT-linux.jar");
        assertThat(classified.coordinates()).isEqualTo("org.example:lib:2.0-SNAPSHOT:linux");
        assertThat(RuntimeClasspath.Jar.ofCoordinates(classified.coordinates()).path()).isEqualTo("org/example/lib/2.0-SNAPSHOT/lib-2.0-SNAPSHOT-linux.jar");
    }

    @Test
    void generatingSaysWhatTheOutputNeeds() {
        assertThat(run("--out", dir.resolve("out").toString(), "--include", "runware:101@1")).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out()).contains("the generated code needs dev.airgen:airgen-runtime:").contains("--runtime-classpath lists them");
        assertThat(run("--repository", dir.toString(), "--out", dir.toString())).isEqualTo(2);
    }
}
