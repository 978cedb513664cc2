package dev.airgen.generator.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What generated code needs at compile and run time: {@code airgen-runtime} and the jars it depends on.
 * The runtime's build writes the list ({@code META-INF/airgen/runtime-classpath.properties}: the
 * runtime's coordinates, and each dependency as a path inside a Maven repository); the command-line jar
 * carries a copy.
 */
final class RuntimeClasspath {

    static final String RESOURCE = "META-INF/airgen/runtime-classpath.properties";
    private static final String PREFIX = "repository/";

    /** A jar in Maven's repository layout. */
    record Jar(String groupId, String artifactId, String version, String classifier) {

        /** {@code group:artifact:version}, plus {@code :classifier} when there is one (Gradle's notation). */
        String coordinates() {
            return groupId + ":" + artifactId + ":" + version + (classifier == null ? "" : ":" + classifier);
        }

        /** The jar's path inside a Maven repository. */
        String path() {
            return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + artifactId + "-" + version
                    + (classifier == null ? "" : "-" + classifier) + ".jar";
        }

        static Jar ofCoordinates(String coordinates) {
            String[] parts = coordinates.split(":");
            if (parts.length < 3 || parts.length > 4) {
                throw new IllegalArgumentException("not group:artifact:version[:classifier]: " + coordinates);
            }
            return new Jar(parts[0], parts[1], parts[2], parts.length == 4 ? parts[3] : null);
        }

        /** {@code com/example/lib/1.0/lib-1.0[-classifier].jar} back to its coordinates. */
        static Jar ofPath(String path) {
            String[] segments = path.split("/");
            if (segments.length < 4 || !path.endsWith(".jar")) {
                throw new IllegalArgumentException("not a jar in a Maven repository: " + path);
            }
            String artifactId = segments[segments.length - 3];
            String version = segments[segments.length - 2];
            String file = segments[segments.length - 1];
            String stem = artifactId + "-" + version;
            if (!file.startsWith(stem)) {
                throw new IllegalArgumentException("not a jar in a Maven repository: " + path);
            }
            String rest = file.substring(stem.length(), file.length() - ".jar".length());
            String groupId = String.join(".", List.of(segments).subList(0, segments.length - 3));
            return new Jar(groupId, artifactId, version, rest.startsWith("-") ? rest.substring(1) : null);
        }
    }

    private RuntimeClasspath() {
    }

    /** The runtime first, then the AIRgen modules it uses, then its other dependencies in the order Maven resolved them. */
    static List<Jar> jars(ClassLoader loader) {
        Properties properties = new Properties();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing: this generator was not built with the runtime's list");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<Jar> jars = new ArrayList<>();
        jars.add(Jar.ofCoordinates(properties.getProperty("artifact", "")));
        for (String coordinates : properties.getProperty("modules", "").split(",")) {
            if (!coordinates.isBlank()) {
                jars.add(Jar.ofCoordinates(coordinates.trim()));
            }
        }
        for (String path : properties.getProperty("dependencies", "").split(",")) {
            if (!path.isBlank()) {
                String trimmed = path.trim();
                jars.add(Jar.ofPath(trimmed.startsWith(PREFIX) ? trimmed.substring(PREFIX.length()) : trimmed));
            }
        }
        return jars;
    }

    /** The runtime's coordinates, or a plain description when the list is missing. */
    static String artifact(ClassLoader loader) {
        try {
            return jars(loader).get(0).coordinates();
        } catch (RuntimeException e) {
            return "airgen-runtime";
        }
    }

    /**
     * Prints the coordinates, one per line; with a repository, the jars' absolute paths joined by the
     * platform's path separator, failing (exit code 1) with the list of jars the repository lacks.
     */
    static int print(Path repository, ClassLoader loader, PrintStream out, PrintStream err) {
        List<Jar> jars;
        try {
            jars = jars(loader);
        } catch (RuntimeException e) {
            err.println("AIRgen: " + e.getMessage());
            return 1;
        }
        if (repository == null) {
            jars.forEach(jar -> out.println(jar.coordinates()));
            return 0;
        }
        List<String> paths = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Jar jar : jars) {
            Path file = repository.resolve(jar.path()).toAbsolutePath().normalize();
            paths.add(file.toString());
            if (!Files.isRegularFile(file)) {
                missing.add(jar.coordinates() + " (" + file + ")");
            }
        }
        if (!missing.isEmpty()) {
            err.println("AIRgen: " + missing.size() + " of " + jars.size() + " jars are not in " + repository.toAbsolutePath().normalize()
                    + ": " + String.join(", ", missing) + "; fetch them into that repository first (with Maven:"
                    + " mvn dependency:get -Dartifact=GROUP:ARTIFACT:VERSION; AIRgen's own artifacts, while unpublished,"
                    + " with ./mvnw install in its source tree)");
            return 1;
        }
        out.println(String.join(File.pathSeparator, paths));
        return 0;
    }
}
