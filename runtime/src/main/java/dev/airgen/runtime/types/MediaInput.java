package dev.airgen.runtime.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A media input (image, mask, video, audio) as Runware accepts it: the UUID of an earlier upload or
 * result, a public URL, a data URI, or raw base64. On the wire it is always a single string.
 */
public final class MediaInput {

    /** How the value refers to its media. */
    public enum Kind { UUID, URL, DATA_URI, BASE64 }

    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final Map<String, String> MIME_BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"), Map.entry("bmp", "image/bmp"),
            Map.entry("mp4", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mov", "video/quicktime"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"),
            Map.entry("ogg", "audio/ogg"), Map.entry("glb", "model/gltf-binary"));

    private final Kind kind;
    private final String value;

    private MediaInput(Kind kind, String value) {
        this.kind = kind;
        this.value = value;
    }

    /** The UUID of media already known to Runware (an upload or an earlier result). */
    public static MediaInput uuid(UUID uuid) {
        return new MediaInput(Kind.UUID, uuid.toString());
    }

    /** @throws IllegalArgumentException if {@code uuid} is not in canonical UUID form */
    public static MediaInput uuid(String uuid) {
        if (!UUID_PATTERN.matcher(uuid).matches()) {
            throw new IllegalArgumentException("not a UUID: " + uuid);
        }
        return new MediaInput(Kind.UUID, uuid);
    }

    /** @throws IllegalArgumentException unless {@code url} is an absolute http or https URL */
    public static MediaInput url(String url) {
        return url(URI.create(url));
    }

    /** @throws IllegalArgumentException unless {@code url} is an absolute http or https URL */
    public static MediaInput url(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("media URL must be http or https: " + url);
        }
        return new MediaInput(Kind.URL, url.toString());
    }

    /** @throws IllegalArgumentException unless {@code dataUri} starts with {@code data:} */
    public static MediaInput dataUri(String dataUri) {
        if (!dataUri.regionMatches(true, 0, "data:", 0, 5)) {
            throw new IllegalArgumentException("not a data URI: " + abbreviate(dataUri));
        }
        return new MediaInput(Kind.DATA_URI, dataUri);
    }

    /** Raw base64 without a data URI prefix; the server sniffs the media type. */
    public static MediaInput base64(String base64) {
        return new MediaInput(Kind.BASE64, Objects.requireNonNull(base64, "base64"));
    }

    /** Bytes in memory, sent inline as a data URI of the given media type. */
    public static MediaInput bytes(byte[] data, String mimeType) {
        return new MediaInput(Kind.DATA_URI,
                "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(data));
    }

    /**
     * A local file, sent inline as a data URI. The media type comes from the file extension.
     * Large files are better uploaded once and referred to by UUID.
     */
    public static MediaInput file(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String mime = MIME_BY_EXTENSION.getOrDefault(extension, "application/octet-stream");
        return bytes(Files.readAllBytes(file), mime);
    }

    /** Reads a wire value, recognising which kind of reference it is. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static MediaInput parse(String value) {
        Objects.requireNonNull(value, "value");
        if (UUID_PATTERN.matcher(value).matches()) {
            return new MediaInput(Kind.UUID, value);
        }
        if (value.regionMatches(true, 0, "data:", 0, 5)) {
            return new MediaInput(Kind.DATA_URI, value);
        }
        if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
            return new MediaInput(Kind.URL, value);
        }
        return new MediaInput(Kind.BASE64, value);
    }

    public Kind kind() {
        return kind;
    }

    /** The exact string sent on the wire. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MediaInput other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Inline payloads are shortened so logs stay readable. */
    @Override
    public String toString() {
        return kind + ":" + abbreviate(value);
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 60) + "...(" + s.length() + " chars)";
    }
}
