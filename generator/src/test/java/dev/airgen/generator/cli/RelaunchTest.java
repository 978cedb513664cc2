package dev.airgen.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the command-line jar starts itself again with options for a short run, and when it stays in its JVM. */
class RelaunchTest {

    @TempDir
    Path dir;

    private Path jar;
    private Path java;

    @BeforeEach
    void files() throws Exception {
        jar = Files.createDirectories(dir.resolve("tools dir")).resolve("airgen-generator-1.0-cli.jar");
        Files.write(jar, new byte[] {1});
        java = Files.write(dir.resolve("java"), new byte[] {1});
    }

    @Test
    void aPlainJavaDashJarRunsAgainWithTheShortRunOptionsAndTheSameArguments() {
        String[] args = {"--out", "out dir", "--include", "bfl:*"};
        assertThat(Relaunch.command(List::of, jar + " --out out dir --include bfl:*", jar, java, args)).contains(List.of(
                java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--out", "out dir", "--include", "bfl:*"));
        // The launcher names the jar as it was typed: a relative path (to the working directory) is the same file.
        Path relative = Path.of("").toAbsolutePath().relativize(jar);
        assertThat(Relaunch.command(List::of, relative.toString(), jar, java, new String[0])).isPresent();
    }

    @Test
    void anyJvmOptionKeepsTheRunInThisJvm() {
        for (String option : List.of("-Dairgen.cli.fork=false", "-Xmx2g", "-XX:+UseParallelGC", "-javaagent:agent.jar")) {
            assertThat(Relaunch.command(() -> List.of(option), jar + " --out x", jar, java, new String[] {"--out", "x"}))
                    .as(option).isEmpty();
        }
    }

    @Test
    void itStaysWhenItIsNotTheJarTheJvmWasStartedWith() throws Exception {
        Path other = Files.write(dir.resolve("other.jar"), new byte[] {1});
        String[] args = {"--out", "x"};
        // Another program's main class (exec:java, a test runner), another jar, an unknown launcher, no jar at all.
        assertThat(Relaunch.command(List::of, "org.codehaus.plexus.classworlds.launcher.Launcher exec:java", jar, java, args)).isEmpty();
        assertThat(Relaunch.command(List::of, other + " --out x", jar, java, args)).isEmpty();
        assertThat(Relaunch.command(List::of, null, jar, java, args)).isEmpty();
        assertThat(Relaunch.command(List::of, jar + " --out x", null, java, args)).isEmpty();
        // No java executable where java.home says.
        assertThat(Relaunch.command(List::of, jar + " --out x", jar, dir.resolve("missing/java"), args)).isEmpty();
    }

    @Test
    void theTestJvmItselfIsNeverRelaunched() {
        // Loaded from target/classes, started by the test runner: the command runs here.
        assertThat(Relaunch.forThisJvm(new String[] {"--help"})).isEmpty();
    }
}
