package dev.airgen.generator.cli;

import dev.airgen.generator.ConfigurationException;
import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import dev.airgen.schema.SchemaException;
import dev.airgen.schema.snapshot.BundledSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line entry for builds that do not use Maven:
 * {@code java -jar airgen-generator-<version>-cli.jar --out DIR [--snapshot PATH] [--package NAME] [--include GLOB]...}.
 * Without {@code --snapshot} the snapshot of {@code airgen-model-schemas} is used (the command-line jar
 * contains it). Sources go to {@code DIR/java}, schema resources and the catalog to {@code DIR/resources}.
 * {@code --runtime-classpath} prints what the generated code needs to compile and run.
 */
public final class Main {

    /**
     * The JVM options a plain {@code java -jar} run starts its second JVM with ({@link Relaunch}): the client
     * compiler alone, and the serial collector with its small default young generation.
     */
    public static final List<String> SHORT_RUN_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private Main() {
    }

    /**
     * Exits with a non-zero status on failure only, so that running it inside another JVM (exec:java) is safe.
     * Started as a plain {@code java -jar}, it runs the command in a JVM with options suited to a short run
     * ({@link Relaunch}).
     */
    public static void main(String[] args) {
        int code = Relaunch.forThisJvm(args).flatMap(Relaunch::run).orElseGet(() -> run(args, System.out, System.err));
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command; returns the process exit code (0 success, 1 input error, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path snapshot = null;
        Path target = null;
        String packageName = null;
        Path repository = null;
        boolean runtimeClasspath = false;
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage());
                return 0;
            }
            if (arg.equals("--runtime-classpath")) {
                runtimeClasspath = true;
                continue;
            }
            if (i + 1 >= args.length) {
                err.println("missing value after " + arg + "\n" + usage());
                return 2;
            }
            String value = args[++i];
            switch (arg) {
                case "--snapshot" -> snapshot = Path.of(value);
                case "--out" -> target = Path.of(value);
                case "--package" -> packageName = value;
                case "--include" -> includes.add(value);
                case "--exclude" -> excludes.add(value);
                case "--repository" -> repository = Path.of(value);
                default -> {
                    err.println("unknown option " + arg + "\n" + usage());
                    return 2;
                }
            }
        }
        if (runtimeClasspath) {
            return RuntimeClasspath.print(repository, Main.class.getClassLoader(), out, err);
        }
        if (repository != null) {
            err.println("--repository goes with --runtime-classpath\n" + usage());
            return 2;
        }
        if (target == null) {
            err.println("--out is required\n" + usage());
            return 2;
        }
        if (snapshot == null) {
            snapshot = BundledSnapshot.locate(Main.class.getClassLoader()).orElse(null);
            if (snapshot == null) {
                // Only when the generator runs from its plain jar: the command-line jar contains the snapshot.
                err.println("--snapshot is required: airgen-model-schemas is not on the class path\n" + usage());
                return 2;
            }
        }
        try {
            GenerationResult result = Generator.filesOnly().generate(new GeneratorConfig(snapshot, packageName, includes, excludes));
            int written = result.writeTo(target.resolve("java"), target.resolve("resources"));
            result.report().warnings().forEach(w -> err.println("AIRgen warning: " + w));
            out.println("AIRgen: " + result.report() + "; " + written + " files written under " + target);
            out.println("AIRgen: the generated code needs " + RuntimeClasspath.artifact(Main.class.getClassLoader())
                    + " and its dependencies to compile and run (--runtime-classpath lists them)");
            return 0;
        } catch (SchemaException e) {
            err.println("AIRgen: " + e.getMessage());
            return 1;
        } catch (ConfigurationException e) {
            err.println("AIRgen: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("AIRgen: " + e);
            return 1;
        }
    }

    private static String usage() {
        return "usage: java -jar airgen-generator-cli.jar --out DIR [--snapshot PATH] [--package NAME]"
                + " [--include GLOB]... [--exclude GLOB]...\n"
                + "       java -jar airgen-generator-cli.jar --runtime-classpath [--repository MAVEN_REPOSITORY]\n"
                + "  --snapshot defaults to the snapshot this jar bundles; --runtime-classpath prints the artifacts the\n"
                + "  generated code needs, or with --repository (e.g. ~/.m2/repository) their jars as a class path.\n"
                + "  Started with no JVM option, the command runs in a second JVM with " + String.join(" ", SHORT_RUN_OPTIONS) + ";\n"
                + "  any JVM option (java -Dairgen.cli.fork=false -jar ...) keeps it in the JVM you started.";
    }
}
