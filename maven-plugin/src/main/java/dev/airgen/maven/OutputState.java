package dev.airgen.maven;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the last successful generation left behind, kept in a folder of its own: the fingerprint of its
 * inputs, the stamp that vouches for that fingerprint, for a single-file snapshot the files that stamp
 * covered, and a manifest of every file it owns. Brings the
 * output folders in line with a new set of files, writing only files whose bytes differ and deleting the
 * ones no longer generated.
 */
final class OutputState {

    static final String FINGERPRINT = "fingerprint.sha256";
    static final String STAMP = "stamp.sha256";
    static final String MANIFEST = "manifest.txt";
    static final String INPUTS = "inputs.txt";

    private static final String INPUTS_FORMAT = "airgen-inputs/1 ";
    private static final String PRESENT = "present ";
    private static final String ABSENT = "absent ";

    /** One file to have on disk. */
    record Target(Path file, byte[] content) {
    }

    /** Where writes and deletions go, so an IDE build can track them. */
    interface Sink {
        OutputStream open(Path file) throws IOException;

        void deleted(Path file);
    }

    /** What a sync did. */
    record Result(int written, int unchanged, int deleted) {
    }

    private final Path dir;

    OutputState(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** The fingerprint of the last successful generation, or null. */
    String fingerprint() throws IOException {
        return read(FINGERPRINT);
    }

    /**
     * The stamp (see {@link Fingerprint#stamp()}) of inputs whose contents were found to match the stored
     * fingerprint, or null. Only meaningful while that fingerprint is there.
     */
    String stamp() throws IOException {
        return read(STAMP);
    }

    /** Whether every file of the last generation is still there (someone may have deleted some). */
    boolean outputsPresent() throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) {
            return false;
        }
        // On every no-op build, for every generated file: java.io.File is the thinnest way to ask.
        String lines = Files.readString(manifest, StandardCharsets.UTF_8);
        for (int start = 0, end; start < lines.length(); start = end + 1) {
            end = lines.indexOf('\n', start);
            if (end < 0) {
                end = lines.length();
            }
            String line = lines.substring(start, end).trim();
            if (!line.isEmpty() && !new File(line).isFile()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Forgets the stamp and the fingerprint before outputs change, so that a build interrupted halfway is
     * never taken for an up-to-date one.
     */
    void invalidate() throws IOException {
        Files.deleteIfExists(dir.resolve(INPUTS));
        Files.deleteIfExists(dir.resolve(STAMP));
        Files.deleteIfExists(dir.resolve(FINGERPRINT));
    }

    /**
     * Writes the files whose bytes differ, deletes files the previous generation owned that are not in
     * {@code targets} (removing folders this leaves empty, up to the {@code roots}), and records the new
     * manifest.
     */
    Result sync(List<Target> targets, List<Path> roots, Sink sink) throws IOException {
        Set<Path> previous = owned();
        Set<Path> current = new TreeSet<>();
        int written = 0;
        int unchanged = 0;
        for (Target target : targets) {
            Path file = target.file().toAbsolutePath().normalize();
            current.add(file);
            if (Files.isRegularFile(file) && Files.size(file) == target.content().length
                    && Arrays.equals(Files.readAllBytes(file), target.content())) {
                unchanged++;
                continue;
            }
            Files.createDirectories(file.getParent());
            try (OutputStream out = sink.open(file)) {
                out.write(target.content());
            }
            written++;
        }
        int deleted = 0;
        for (Path stale : previous) {
            if (!current.contains(stale) && Files.deleteIfExists(stale)) {
                sink.deleted(stale);
                deleted++;
                pruneEmptyParents(stale, roots);
            }
        }
        List<String> lines = new ArrayList<>();
        current.forEach(p -> lines.add(p.toString()));
        writeAtomically(dir.resolve(MANIFEST), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        return new Result(written, unchanged, deleted);
    }

    /**
     * Records the fingerprint of the inputs the outputs now match, then the stamp of those inputs (null when
     * it cannot be trusted yet) with the files it covered ({@code reached}, null when there is no list to
     * keep); the last step of a generation. The stamp comes second: it only ever vouches for a fingerprint
     * already on disk.
     */
    void commit(String fingerprint, String stamp, SnapshotInputs.Reached reached) throws IOException {
        writeAtomically(dir.resolve(FINGERPRINT), (fingerprint + "\n").getBytes(StandardCharsets.UTF_8));
        if (stamp == null) {
            Files.deleteIfExists(dir.resolve(STAMP));
            Files.deleteIfExists(dir.resolve(INPUTS));
        } else {
            recordStamp(stamp, reached);
        }
    }

    /**
     * Records a new stamp for the stored fingerprint, and the files it covered; only once the inputs' contents
     * were found to match it.
     */
    void recordStamp(String stamp, SnapshotInputs.Reached reached) throws IOException {
        writeAtomically(dir.resolve(STAMP), (stamp + "\n").getBytes(StandardCharsets.UTF_8));
        remember(stamp, reached);
    }

    /**
     * Keeps the files a single-file snapshot reached, labelled with the stamp computed over them: a list is
     * only ever used with that stamp, so one left over from an earlier stamp is ignored. A null list, or one
     * with a name that cannot be written on a line of its own, is dropped instead.
     */
    void remember(String stamp, SnapshotInputs.Reached reached) throws IOException {
        Path file = dir.resolve(INPUTS);
        if (reached == null || !representable(reached.present()) || !representable(reached.absent())) {
            Files.deleteIfExists(file);
            return;
        }
        StringBuilder text = new StringBuilder(INPUTS_FORMAT).append(stamp).append('\n');
        reached.present().forEach(name -> text.append(PRESENT).append(name).append('\n'));
        reached.absent().forEach(name -> text.append(ABSENT).append(name).append('\n'));
        writeAtomically(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The files remembered with {@code stamp}, or null when there is no such list, it belongs to another
     * stamp, or it is not in the expected form (then the snapshot is simply parsed again).
     */
    SnapshotInputs.Reached remembered(String stamp) throws IOException {
        Path file = dir.resolve(INPUTS);
        if (stamp == null || !Files.isRegularFile(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(INPUTS_FORMAT + stamp)) {
            return null;
        }
        SortedSet<String> present = new TreeSet<>();
        SortedSet<String> absent = new TreeSet<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.startsWith(PRESENT) && line.length() > PRESENT.length()) {
                present.add(line.substring(PRESENT.length()));
            } else if (line.startsWith(ABSENT) && line.length() > ABSENT.length()) {
                absent.add(line.substring(ABSENT.length()));
            } else {
                return null;
            }
        }
        return present.isEmpty() ? null : new SnapshotInputs.Reached(present, absent);
    }

    private static boolean representable(Set<String> names) {
        return names.stream().noneMatch(name -> name.isEmpty() || name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0);
    }

    private String read(String name) throws IOException {
        Path file = dir.resolve(name);
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).trim() : null;
    }

    private Set<Path> owned() throws IOException {
        Path manifest = dir.resolve(MANIFEST);
        Set<Path> files = new LinkedHashSet<>();
        if (Files.isRegularFile(manifest)) {
            for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    files.add(Path.of(line.trim()));
                }
            }
        }
        return files;
    }

    private static void pruneEmptyParents(Path file, List<Path> roots) throws IOException {
        List<Path> normalized = roots.stream().map(r -> r.toAbsolutePath().normalize()).toList();
        for (Path folder = file.getParent(); folder != null && insideAny(folder, normalized); folder = folder.getParent()) {
            try {
                Files.deleteIfExists(folder);
            } catch (DirectoryNotEmptyException stillUsed) {
                return;
            }
        }
    }

    /** Strictly below one of the roots: the roots themselves stay, even when empty. */
    private static boolean insideAny(Path folder, List<Path> roots) {
        return roots.stream().anyMatch(root -> folder.startsWith(root) && !folder.equals(root));
    }

    /** Writes to a temporary file beside {@code target}, then moves it over, so readers never see half a file. */
    static void writeAtomically(Path target, byte[] content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
