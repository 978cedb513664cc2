package dev.airgen.maven;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A SHA-256 over everything a generation depends on. Entries are framed (name, length, bytes), so two
 * different inputs can never produce the same stream of bytes by shifting content between entries.
 */
final class Fingerprint {

    private final MessageDigest digest;
    private final byte[] buffer = new byte[64 * 1024];

    Fingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
        text("format", "airgen-fingerprint/1");
    }

    /** A named value: a configuration setting, a version. */
    Fingerprint text(String name, String value) {
        byte[] bytes = (value == null ? "\u0000null" : value).getBytes(StandardCharsets.UTF_8);
        frame("text", name, bytes.length);
        digest.update(bytes);
        return this;
    }

    /** The exact bytes of a file, under the name it has inside its snapshot. */
    Fingerprint file(String name, Path file) throws IOException {
        frame("file", name, Files.size(file));
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return this;
    }

    Fingerprint files(Map<String, Path> files) throws IOException {
        for (Map.Entry<String, Path> f : files.entrySet()) {
            file(f.getKey(), f.getValue());
        }
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void frame(String kind, String name, long length) {
        digest.update(("\n" + kind + " " + name.length() + ":" + name + " " + length + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
