package dev.airgen.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What maven-compiler-plugin (3.x, incremental mode, its default) remembers about its last compilation of
 * the main sources: one folder per execution under {@code <build directory>/maven-status/maven-compiler-plugin/compile/},
 * each with {@code inputFiles.lst} (the sources it compiled) and {@code createdFiles.lst} (the class files
 * that compilation created, relative to the output folder).
 *
 * <p>The plugin's own compilation of the generated sources has to agree with that record in two cases:
 * <ul>
 *   <li>Before a rebuild, maven-compiler-plugin deletes every file {@code createdFiles.lst} names. A build
 *       that compiled the generated sources as a source root (an older plugin version, {@code skip},
 *       {@code compileGenerated=false}, m2e) leaves the generated class files in that list, and the first
 *       build afterwards would delete them right after this plugin put them in place.</li>
 *   <li>maven-compiler-plugin does not look for changed class files in the module's own output folder, so
 *       when the generated classes changed, it would keep the user's classes compiled against the old ones
 *       (an inlined constant, a removed method).</li>
 * </ul>
 * In both cases the record is dropped, as {@code mvn clean} would drop it: maven-compiler-plugin then
 * compiles the module's own sources again, and deletes nothing.
 */
final class CompilerStatus {

    static final String CREATED = "createdFiles.lst";

    private final Path compileStatus;

    /** @param buildDirectory the module's build directory ({@code target}) */
    CompilerStatus(Path buildDirectory) {
        this.compileStatus = buildDirectory.resolve("maven-status").resolve("maven-compiler-plugin").resolve("compile");
    }

    /** Whether some execution's {@code createdFiles.lst} names one of {@code classFiles} (paths relative to the output folder). */
    boolean claimsAny(Collection<String> classFiles) throws IOException {
        if (classFiles.isEmpty()) {
            return false;
        }
        Set<String> ours = classFiles instanceof Set<String> set ? set : new HashSet<>(classFiles);
        for (Path execution : executions()) {
            Path created = execution.resolve(CREATED);
            if (Files.isRegularFile(created)) {
                for (String line : Files.readAllLines(created, StandardCharsets.UTF_8)) {
                    if (ours.contains(line.trim().replace('\\', '/'))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Deletes the record of every execution; returns how many there were. */
    int forget() throws IOException {
        List<Path> executions = executions();
        for (Path execution : executions) {
            GeneratedClasses.deleteTree(execution);
        }
        return executions.size();
    }

    private List<Path> executions() throws IOException {
        if (!Files.isDirectory(compileStatus)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(compileStatus)) {
            return new ArrayList<>(list.filter(Files::isDirectory).sorted().toList());
        }
    }
}
