package dev.airgen.generator.cli;

import dev.airgen.generator.ConfigurationException;
import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import dev.airgen.generator.SchemaException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line entry for builds that do not use Maven:
 * {@code java -jar airgen-generator-<version>-cli.jar --snapshot PATH --out DIR --package NAME [--include GLOB]...}.
 * Without {@code --snapshot} the snapshot of {@code airgen-model-schemas} is used when it is on the class path.
 * Sources go to {@code DIR/java}, schema resources and the catalog to {@code DIR/resources}.
 */
public final class Main {

    private Main() {
    }

    /** Exits with a non-zero status on failure only, so that running it inside another JVM (exec:java) is safe. */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command; returns the process exit code (0 success, 1 input error, 2 usage error). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path snapshot = null;
        Path target = null;
        String packageName = null;
        List<String> includes = new ArrayList<>();
        List<String> excludes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                out.println(usage());
                return 0;
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
                default -> {
                    err.println("unknown option " + arg + "\n" + usage());
                    return 2;
                }
            }
        }
        if (target == null) {
            err.println("--out is required\n" + usage());
            return 2;
        }
        if (snapshot == null) {
            // Without --snapshot, use the one airgen-model-schemas ships, when it is on the class path.
            snapshot = dev.airgen.generator.source.BundledSnapshot.locate(Main.class.getClassLoader()).orElse(null);
            if (snapshot == null) {
                err.println("--snapshot is required: no bundled snapshot (airgen-model-schemas) is on the class path\n" + usage());
                return 2;
            }
        }
        try {
            GenerationResult result = new Generator().generate(new GeneratorConfig(snapshot, packageName, includes, excludes));
            int written = result.writeTo(target.resolve("java"), target.resolve("resources"));
            result.report().warnings().forEach(w -> err.println("AIRgen warning: " + w));
            out.println("AIRgen: " + result.report() + "; " + written + " files written under " + target);
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
        return "usage: java -jar airgen-generator-cli.jar [--snapshot PATH] --out DIR [--package NAME]"
                + " [--include GLOB]... [--exclude GLOB]...";
    }
}
