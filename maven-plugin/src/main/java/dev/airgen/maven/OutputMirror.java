package dev.airgen.maven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Files the plugin places in the module's output folder ({@code target/classes}), copied from a folder the
 * plugin owns. A copy is written only where its bytes differ, and a file an earlier copy placed there that the
 * folder no longer holds is deleted; nothing else in the output folder is touched. The plugin's state folder
 * keeps the list of copied files and the fingerprint of what they were copied from, so that a build whose
 * fingerprint is unchanged only checks that the files are still there.
 */
final class OutputMirror {

    /** What {@link #copy} did: the files now mirrored, and how many were written and deleted. */
    record Copied(int files, int written, int deleted) {
    }

    private final Path stateDir;
    private final String listName;
    private final String fingerprintName;
    /** The list file as this instance last read or wrote it; null until asked for. */
    private List<String> listed;

    /**
     * @param listName        the file in {@code stateDir} that lists the mirrored files
     * @param fingerprintName the file in {@code stateDir} that holds the fingerprint they were copied for
     */
    OutputMirror(Path stateDir, String listName, String fingerprintName) {
        this.stateDir = stateDir;
        this.listName = listName;
        this.fingerprintName = fingerprintName;
    }

    /**
     * Whether the last copy was made for {@code fingerprint} and the listed files that {@code checked} accepts
     * are all in {@code output}.
     */
    boolean upToDate(String fingerprint, Path output, Predicate<String> checked) throws IOException {
        Path marker = stateDir.resolve(fingerprintName);
        if (!Files.isRegularFile(marker) || !fingerprint.equals(Files.readString(marker, StandardCharsets.UTF_8).trim())) {
            return false;
        }
        for (String name : listed()) {
            if (checked.test(name) && !Files.isRegularFile(output.resolve(name))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Brings {@code output} in line with every file under {@code from} and records them for {@code fingerprint}.
     * The fingerprint is dropped first, so a copy cut short is never taken for a finished one.
     */
    Copied copy(String fingerprint, Path from, Path output) throws IOException {
        Files.deleteIfExists(stateDir.resolve(fingerprintName));
        Set<String> produced = new TreeSet<>();
        int written = 0;
        if (Files.isDirectory(from)) {
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String name = from.relativize(file).toString().replace('\\', '/');
                    produced.add(name);
                    Path target = output.resolve(name);
                    byte[] bytes = Files.readAllBytes(file);
                    if (!Files.isRegularFile(target) || !Arrays.equals(bytes, Files.readAllBytes(target))) {
                        Files.createDirectories(target.getParent());
                        Files.write(target, bytes);
                        written++;
                    }
                }
            }
        }
        int deleted = 0;
        for (String name : listed()) {
            if (!produced.contains(name) && Files.deleteIfExists(output.resolve(name))) {
                deleted++;
            }
        }
        Files.createDirectories(stateDir);
        Files.write(stateDir.resolve(listName), produced, StandardCharsets.UTF_8);
        listed = List.copyOf(produced);
        Files.writeString(stateDir.resolve(fingerprintName), fingerprint + "\n", StandardCharsets.UTF_8);
        return new Copied(produced.size(), written, deleted);
    }

    /** The files the last copy placed, relative to the output folder. */
    List<String> listed() throws IOException {
        // Read once per build: the up-to-date check and the copy both ask for it.
        if (listed == null) {
            Path list = stateDir.resolve(listName);
            listed = Files.isRegularFile(list) ? Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList() : List.of();
        }
        return listed;
    }
}
