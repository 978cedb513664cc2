package dev.airgen.benchmarks.generation;

import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jsonschema2pojo.DefaultGenerationConfig;
import org.jsonschema2pojo.GenerationConfig;
import org.jsonschema2pojo.Jsonschema2Pojo;
import org.jsonschema2pojo.RuleLogger;

/** The generators compared, each writing Java sources for one input into an empty folder. */
public enum Tool {

    AIRGEN_BUNDLE("AIRgen, whole bundle", "request and result classes, shared types, provider settings, catalog, schema resources") {
        @Override
        String run(Inputs input, Path out) throws IOException {
            return airgen(input.bundleDir(), out);
        }
    },
    AIRGEN_REQUESTS("AIRgen, request schemas only", "the same per-model request schemas jsonschema2pojo reads") {
        @Override
        String run(Inputs input, Path out) throws IOException {
            return airgen(input.requestBundle(), out);
        }
    },
    JSONSCHEMA2POJO("jsonschema2pojo 1.3.3", "one file per model request schema, default settings, Jackson 2 annotations") {
        @Override
        String run(Inputs input, Path out) throws IOException {
            Recorder log = new Recorder();
            Jsonschema2Pojo.generate(js2pConfig(input.schemaDir(), out.resolve("java")), log);
            if (!log.errors.isEmpty()) {
                throw new IOException("jsonschema2pojo reported " + log.errors.size() + " errors, first: " + log.errors.get(0));
            }
            return log.warnings + " warnings";
        }
    };

    static final String PACKAGE = "bench.generated";

    private final String label;
    private final String what;

    Tool(String label, String what) {
        this.label = label;
        this.what = what;
    }

    public String label() {
        return label;
    }

    public String what() {
        return what;
    }

    /** Generates and writes; returns the tool's own summary line. */
    abstract String run(Inputs input, Path out) throws IOException;

    private static String airgen(Path snapshot, Path out) throws IOException {
        GenerationResult result = Generator.filesOnly().generate(GeneratorConfig.of(snapshot, PACKAGE));
        result.writeTo(out.resolve("java"), out.resolve("resources"));
        return result.report().toString();
    }

    private static GenerationConfig js2pConfig(Path schemas, Path target) {
        return new DefaultGenerationConfig() {
            @Override
            public Iterator<URL> getSource() {
                try {
                    return List.of(schemas.toUri().toURL()).iterator();
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public File getTargetDirectory() {
                return target.toFile();
            }

            @Override
            public String getTargetPackage() {
                return PACKAGE;
            }

            @Override
            public String getTargetVersion() {
                // Otherwise it emits javax.annotation.Generated, which Java 11+ no longer has.
                return "17";
            }
        };
    }

    /** Keeps jsonschema2pojo's errors (a failed input must not look like a fast one) and counts warnings. */
    private static final class Recorder implements RuleLogger {
        final List<String> errors = new ArrayList<>();
        int warnings;

        @Override
        public void debug(String msg) {
        }

        @Override
        public void error(String msg) {
            errors.add(msg);
        }

        @Override
        public void error(String msg, Throwable e) {
            errors.add(msg + ": " + e);
        }

        @Override
        public void info(String msg) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isErrorEnabled() {
            return true;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return true;
        }

        @Override
        public void trace(String msg) {
        }

        @Override
        public void warn(String msg, Throwable e) {
            warnings++;
        }

        @Override
        public void warn(String msg) {
            warnings++;
        }
    }
}
