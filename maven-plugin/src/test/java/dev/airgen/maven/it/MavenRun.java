package dev.airgen.maven.it;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one more Maven build of an integration-test project from its verify script, with the same Maven
 * installation and the same isolated local repository, offline: the first build already resolved
 * everything. Lets a script change an input between two builds and compare what the second one did.
 */
public final class MavenRun {

    private MavenRun() {
    }

    /**
     * @param basedir   the project
     * @param localRepo the integration tests' local repository
     * @param userRepo  the repository it was filled from; named again so that offline resolution accepts
     *                  what came from there
     * @param logName   file under {@code basedir} that receives the output
     * @param args      goals and options
     * @return the build output; throws when the exit code is not {@code expectedExit}
     */
    public static String run(File basedir, File localRepo, String userRepo, String logName, int expectedExit, String... args)
            throws IOException, InterruptedException {
        String mavenHome = System.getProperty("maven.home");
        if (mavenHome == null) {
            throw new IllegalStateException("maven.home is not set; run from a Maven build");
        }
        return run(mavenHome, basedir, localRepo, userRepo, logName, expectedExit, args);
    }

    /** The same with a given Maven installation, for the builds that run under several Maven versions. */
    public static String run(String mavenHome, File basedir, File localRepo, String userRepo, String logName, int expectedExit,
                             String... args) throws IOException, InterruptedException {
        boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
        List<String> command = new ArrayList<>();
        command.add(Path.of(mavenHome, "bin", windows ? "mvn.cmd" : "mvn").toString());
        command.add("-B");
        command.add("-o");
        command.add("-Dmaven.repo.local=" + localRepo.getAbsolutePath());
        command.add("-s");
        command.add(settings(basedir.toPath(), userRepo).toString());
        command.addAll(List.of(args));
        Path log = basedir.toPath().resolve(logName);
        ProcessBuilder builder = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putIfAbsent("MAVEN_OPTS", jvmTuning());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("build did not finish within 5 minutes: " + command);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != expectedExit) {
            throw new IllegalStateException("build " + String.join(" ", command) + " exited with " + process.exitValue()
                    + " (expected " + expectedExit + "):\n" + output);
        }
        return output;
    }

    /**
     * The HotSpot options ({@code -XX:...}) of the JVM this runs in, the build that runs the tests: its
     * {@code .mvn/jvm.config} tunes short builds, and the builds started here are as short.
     */
    private static String jvmTuning() {
        return String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:")).toList());
    }

    /** The same repositories as the invoker's settings (see src/it/settings.xml). */
    private static Path settings(Path basedir, String userRepo) throws IOException {
        String url = Path.of(userRepo).toUri().toString();
        String repository = "<id>local.central</id><url>" + url + "</url>"
                + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></snapshots>";
        String xml = "<settings><profiles><profile><id>it-repo</id><activation><activeByDefault>true</activeByDefault></activation>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles></settings>";
        Path file = basedir.resolve("target/it-settings.xml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, xml, StandardCharsets.UTF_8);
        return file;
    }
}
