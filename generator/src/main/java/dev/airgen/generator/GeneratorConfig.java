package dev.airgen.generator;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to generate: from which snapshot, into which package, for which models.
 *
 * @param snapshot     a bundle file, a folder of schemas, or a single document
 * @param packageName  the Java package of the generated classes
 * @param includes     AIR globs ({@code klingai:*}, {@code runware:101@1}); empty means every model
 * @param excludes     AIR globs removed after {@code includes}
 */
public record GeneratorConfig(Path snapshot, String packageName, List<String> includes, List<String> excludes) {

    public static final String DEFAULT_PACKAGE = "dev.airgen.models";

    public GeneratorConfig {
        Objects.requireNonNull(snapshot, "snapshot");
        packageName = packageName == null || packageName.isBlank() ? DEFAULT_PACKAGE : packageName;
        if (!packageName.matches("[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)*")) {
            throw new IllegalArgumentException("not a Java package name: " + packageName);
        }
        includes = includes == null ? List.of() : List.copyOf(includes);
        excludes = excludes == null ? List.of() : List.copyOf(excludes);
    }

    public static GeneratorConfig of(Path snapshot, String packageName) {
        return new GeneratorConfig(snapshot, packageName, List.of(), List.of());
    }

    public GeneratorConfig withIncludes(List<String> globs) {
        return new GeneratorConfig(snapshot, packageName, globs, excludes);
    }

    public GeneratorConfig withExcludes(List<String> globs) {
        return new GeneratorConfig(snapshot, packageName, includes, globs);
    }
}
