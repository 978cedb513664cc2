package dev.airgen.it;

/** Tells a media file's kind by its first bytes, the way a decoder would refuse anything else. */
final class MediaMagic {

    private MediaMagic() {
    }

    /** The format the bytes start like, or null when they look like none of the formats Runware returns. */
    static String kind(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return "png";
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return "jpeg";
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length > 11 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return "webp";
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length > 11 && b[8] == 'W' && b[9] == 'A' && b[10] == 'V' && b[11] == 'E') {
            return "wav";
        }
        if (b.length > 11 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return b[8] == 'q' && b[9] == 't' ? "mov" : "mp4";
        }
        if (starts(b, 'I', 'D', '3') || b.length > 1 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0) {
            return "mp3";
        }
        if (starts(b, 'f', 'L', 'a', 'C')) {
            return "flac";
        }
        if (starts(b, 'g', 'l', 'T', 'F')) {
            return "glb";
        }
        if (starts(b, 'I', 'I', '*', 0) || starts(b, 'M', 'M', 0, '*')) {
            return "tiff";
        }
        if (b.length > 4 && new String(b, 0, Math.min(b.length, 256), java.nio.charset.StandardCharsets.UTF_8).contains("<svg")) {
            return "svg";
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
