package dev.airgen.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Everything a generation depends on (named settings and input files), with two SHA-256 digests over it.
 * Entries are framed (kind, name, length), so two different inputs can never produce the same stream of
 * bytes by shifting content between entries.
 *
 * <p>{@link #hex()} covers the exact bytes of every file. {@link #stamp()} covers, instead of the bytes, each
 * file's location, size and modification time: one metadata lookup per file, no file opened. Files are only
 * looked at when a digest is asked for, so the list of inputs is gathered once and serves both.
 */
final class Fingerprint {

    /**
     * Modification times closer to "now" than this do not vouch for a file: a file system with a coarse clock
     * can give a second write in the same tick the same time, and the second write may keep the size too.
     */
    static final Duration RACY_WINDOW = Duration.ofSeconds(2);

    /** The cheap digest, and the newest modification time among the files it covers (null for none). */
    record Stamp(String hex, FileTime newest) {

        /**
         * Whether every file is old enough for its size and time to be trusted as a proxy for its bytes. A time
         * in the future (a skewed clock) never settles: such inputs are hashed on every build, which is safe.
         */
        boolean settled(Instant now) {
            return newest == null || !newest.toInstant().isAfter(now.minus(RACY_WINDOW));
        }
    }

    private sealed interface Entry permits Text, Input, Absent {
    }

    private record Text(String name, String value) implements Entry {
    }

    private record Input(String name, Path file) implements Entry {
    }

    /** A name a reference points at where no file is: its absence is an input too. */
    private record Absent(String name, Path file) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();
    private SnapshotInputs.Reached reached;

    Fingerprint() {
        text("format", "airgen-fingerprint/1");
    }

    /** The content digest of one named value alone; nothing to read, so nothing can fail. */
    static String ofText(String name, String value) {
        MessageDigest digest = sha256();
        for (Text text : List.of(new Text("format", "airgen-fingerprint/1"), new Text(name, value))) {
            update(digest, text);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A named value: a configuration setting, a version. */
    Fingerprint text(String name, String value) {
        entries.add(new Text(name, value));
        return this;
    }

    /** A file, under the name it has inside its snapshot. */
    Fingerprint file(String name, Path file) {
        entries.add(new Input(name, file));
        return this;
    }

    Fingerprint files(Map<String, Path> files) {
        files.forEach(this::file);
        return this;
    }

    /**
     * The files a single-file snapshot reached, present ones as files and missing ones as absences, all in
     * name order. Whether they came from parsing or from a remembered list, equal lists give equal digests.
     */
    Fingerprint reached(Path root, SnapshotInputs.Reached reached) {
        TreeSet<String> names = new TreeSet<>(reached.present());
        names.addAll(reached.absent());
        for (String name : names) {
            Path file = SnapshotInputs.locate(root, name);
            entries.add(reached.present().contains(name) ? new Input(name, file) : new Absent(name, file));
        }
        this.reached = reached;
        return this;
    }

    /** The list behind {@link #reached}, worth remembering with a stamp; null when the inputs have none. */
    SnapshotInputs.Reached reached() {
        return reached;
    }

    /** The digest over the settings and the exact bytes of every file. */
    String hex() throws IOException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[64 * 1024];
        for (Entry entry : entries) {
            if (entry instanceof Text text) {
                update(digest, text);
            } else if (entry instanceof Input input) {
                frame(digest, "file", input.name(), Files.size(input.file()));
                try (InputStream in = Files.newInputStream(input.file())) {
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        digest.update(buffer, 0, n);
                    }
                }
            } else if (entry instanceof Absent absent) {
                frame(digest, "absent", absent.name(), 0);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The digest over the settings and, for every file, its absolute location, size and modification time.
     * The location is included so that pointing at another copy of a snapshot never passes for the old one.
     */
    Stamp stamp() throws IOException {
        MessageDigest digest = sha256();
        FileTime newest = null;
        for (Entry entry : entries) {
            if (entry instanceof Text text) {
                update(digest, text);
            } else if (entry instanceof Input input) {
                BasicFileAttributes attributes;
                try {
                    attributes = Files.readAttributes(input.file(), BasicFileAttributes.class);
                } catch (NoSuchFileException gone) {
                    // A remembered list may name a file deleted since: the digest moves, and the check that
                    // follows finds the inputs afresh and reports what is really missing.
                    stat(digest, "stat", input.name(), "missing " + location(input.file()));
                    continue;
                }
                FileTime modified = attributes.lastModifiedTime();
                if (newest == null || modified.compareTo(newest) > 0) {
                    newest = modified;
                }
                String kind = attributes.isRegularFile() ? "" : "not a file ";
                stat(digest, "stat", input.name(), kind + attributes.size() + " " + modified.toInstant() + " " + location(input.file()));
            } else if (entry instanceof Absent absent) {
                // One metadata lookup; a file that appeared since gives another digest than its absence did.
                String state = Files.isRegularFile(absent.file()) ? "appeared " : "absent ";
                stat(digest, "absent", absent.name(), state + location(absent.file()));
            }
        }
        return new Stamp(HexFormat.of().formatHex(digest.digest()), newest);
    }

    private static String location(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static void stat(MessageDigest digest, String kind, String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        frame(digest, kind, name, bytes.length);
        digest.update(bytes);
    }

    private static void update(MessageDigest digest, Text text) {
        byte[] bytes = (text.value() == null ? "\u0000null" : text.value()).getBytes(StandardCharsets.UTF_8);
        frame(digest, "text", text.name(), bytes.length);
        digest.update(bytes);
    }

    private static void frame(MessageDigest digest, String kind, String name, long length) {
        digest.update(("\n" + kind + " " + name.length() + ":" + name + " " + length + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
