package dev.airgen.schema.resolve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Which files a snapshot may read: its own JSON files inside its folder, and nothing else. A name taken from
 * a snapshot (a {@code $ref}, already percent-decoded) must be relative, use {@code /} only, have no hidden
 * ({@code .}-prefixed) segment, end in {@code .json}, stay inside the folder once {@code ..} is applied, and
 * the file must stay inside the folder once symbolic links are followed. The same rule holds on every
 * operating system.
 */
public final class SnapshotFiles {

    /** A name or file a snapshot may not read; the message says why, without any of the file's content. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        public Refused(String reason) {
            super(reason);
        }
    }

    private SnapshotFiles() {
    }

    /**
     * The file a snapshot-relative name stands for, checked by name only (it may not exist).
     *
     * @throws Refused when the name could reach outside the snapshot or is not one of its JSON files
     */
    public static Path locate(Path root, String relative) throws Refused {
        if (relative.isEmpty() || relative.indexOf('\0') >= 0) {
            throw new Refused("is not a file name");
        }
        if (relative.startsWith("/") || relative.indexOf('\\') >= 0 || relative.indexOf(':') >= 0) {
            throw new Refused("is not a relative path inside the snapshot folder");
        }
        for (String segment : relative.split("/", -1)) {
            if (segment.startsWith(".") && !segment.equals("..")) {
                throw new Refused("names a hidden file or folder; a snapshot reads only its own visible JSON files");
            }
        }
        if (!relative.toLowerCase(Locale.ROOT).endsWith(".json")) {
            throw new Refused("is not a .json file; a snapshot reads only its own JSON files");
        }
        Path base = root.toAbsolutePath().normalize();
        Path file;
        try {
            file = base.resolve(relative).normalize();
        } catch (InvalidPathException e) {
            throw new Refused("is not a file name on this system");
        }
        if (!file.startsWith(base) || file.equals(base)) {
            throw new Refused("leaves the snapshot folder");
        }
        return file;
    }

    /**
     * Checks that an existing file is inside the snapshot folder once symbolic links are followed.
     *
     * @throws Refused when a link leads outside
     */
    public static void checkInside(Path root, Path file) throws Refused {
        try {
            Path realRoot = root.toAbsolutePath().toRealPath();
            if (!file.toRealPath().startsWith(realRoot)) {
                throw new Refused("is a link to a file outside the snapshot folder");
            }
        } catch (IOException e) {
            throw new Refused("cannot be resolved: " + e.getClass().getSimpleName());
        }
    }

    /** Whether a snapshot may read this existing file: a regular file whose real location is inside {@code root}. */
    public static boolean isInside(Path root, Path file) {
        try {
            checkInside(root, file);
            return Files.isRegularFile(file);
        } catch (Refused e) {
            return false;
        }
    }
}
