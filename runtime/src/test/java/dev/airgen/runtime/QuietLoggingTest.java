package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.sample.QuietApp;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that uses only the runtime prints nothing it did not ask for, and when it turns the
 * runtime's logging on (java.util.logging, as docs/runtime.md says), the lines are there and hold no key.
 * The application runs in a child JVM whose class path is the runtime's own: no SLF4J backend, no emulator.
 */
class QuietLoggingTest {

    private static final String KEY = "sk-quiet-7Qm2Zr9vXw4Lp8Tn";
    private static RunwareEmulator emulator;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        emulator = RunwareEmulator.builder().snapshot(EmulatorSupport.snapshot()).apiKeys(KEY)
                .taskDuration(Duration.ofMillis(30)).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** The test class path without the emulator, Jetty, any SLF4J backend and the test frameworks. */
    private static String runtimeOnlyClassPath() {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = entry.replace('\\', '/');
            boolean foreign = name.contains("slf4j-nop") || name.contains("slf4j-simple") || name.contains("logback")
                    || name.contains("jetty") || name.contains("emulator") || name.contains("junit")
                    || name.contains("assertj") || name.contains("opentest4j") || name.contains("apiguardian")
                    || name.contains("model-schemas") || name.contains("surefire");
            if (!foreign) {
                kept.add(entry);
            }
        }
        return String.join(File.pathSeparator, kept);
    }

    private record Run(int exit, String out, String err) {
    }

    private Run runApp(String... jvmOptions) throws IOException, InterruptedException {
        return runApp(List.of(jvmOptions), List.of());
    }

    private Run runApp(List<String> jvmOptions, List<String> appArguments) throws IOException, InterruptedException {
        return runApp(jvmOptions, appArguments, runtimeOnlyClassPath());
    }

    private Run runApp(List<String> jvmOptions, List<String> appArguments, String classPath)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, QuietApp.class.getName(),
                emulator.baseUrl().toString(), emulator.webSocketUrl().toString(), KEY));
        command.addAll(appArguments);
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the application finishes").isTrue();
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void anApplicationUsingOnlyTheRuntimePrintsNothingItDidNotAskFor() throws Exception {
        assertThat(runtimeOnlyClassPath()).contains("slf4j-api").doesNotContain("slf4j-nop");
        Run run = runApp();
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("REST results: 1", "WEBSOCKET results: 1", "REST refused: [positivePrompt, width, height]");
        assertThat(run.err()).as("standard error").isEmpty();
        assertThat(run.out()).as("SLF4J told to use its no-operation provider rather than search for one")
                .contains("slf4j.provider=org.slf4j.helpers.NOP_FallbackServiceProvider");
    }

    /** With a backend declared on the class path, SLF4J is left to find it: no property is set. */
    @Test
    void anApplicationWithAnSlf4jBackendKeepsIt() throws Exception {
        Path backend = dir.resolve("backend");
        Path services = backend.resolve("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        Files.createDirectories(services.getParent());
        Files.writeString(services, "org.slf4j.helpers.NOP_FallbackServiceProvider\n", StandardCharsets.UTF_8);
        Run run = runApp(List.of(), List.of("REST"), backend + File.pathSeparator + runtimeOnlyClassPath());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("REST results: 1", "slf4j.provider=null");
        assertThat(run.err()).as("standard error").isEmpty();
    }

    /**
     * Setting up the JDK's logging costs tens of milliseconds of a fresh JVM's CPU, which a first request would
     * pay for nothing: requests that go well (and one refused offline) log nothing, so the runtime's logger is
     * never even created.
     */
    @Test
    void requestsThatGoWellNeverSetUpTheRuntimesLogger() throws Exception {
        Path classes = dir.resolve("classes.log");
        Run run = runApp(List.of("-Xlog:class+load=info:file=" + classes.toString().replace('\\', '/')), List.of("REST"));
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("REST results: 1", "REST refused:").doesNotContain("WEBSOCKET");
        String loaded = Files.readString(classes);
        assertThat(loaded).as("the class-loading log").contains("dev.airgen.runtime.RunwareClient ");
        assertThat(loaded).as("the runtime's logger").doesNotContain("dev.airgen.runtime.internal.Log ");
        assertThat(loaded).as("the JDK's logging").doesNotContain("java.util.logging.LogManager ");
    }

    @Test
    void loggingTurnedOnShowsTheRuntimesLinesWithoutTheKey() throws Exception {
        Path log = dir.resolve("runtime.log");
        Path config = dir.resolve("logging.properties");
        Files.writeString(config, String.join("\n",
                "handlers=java.util.logging.FileHandler",
                "java.util.logging.FileHandler.pattern=" + log.toString().replace('\\', '/'),
                "java.util.logging.FileHandler.level=ALL",
                "java.util.logging.FileHandler.formatter=java.util.logging.SimpleFormatter",
                "dev.airgen.runtime.level=ALL",
                ".level=WARNING", ""), StandardCharsets.UTF_8);
        Run run = runApp("-Djava.util.logging.config.file=" + config);
        assertThat(run.exit()).as(run.err()).isZero();
        String lines = Files.readString(log);
        assertThat(lines).as("the runtime logs when asked to").contains("dev.airgen.runtime").contains("WebSocket");
        assertThat(lines + run.out() + run.err()).doesNotContain(KEY).doesNotContain(KEY.substring(3, 14));
    }
}
