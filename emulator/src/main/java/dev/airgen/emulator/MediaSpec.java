package dev.airgen.emulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

/** A recipe for one generated file; the same recipe always renders the same bytes. */
record MediaSpec(Kind kind, String format, int width, int height, long seed, double seconds) {

    enum Kind { IMAGE, VIDEO, AUDIO, MODEL }

    static final Map<Kind, Set<String>> FORMATS = Map.of(
            Kind.IMAGE, Set.of("PNG", "JPG", "JPEG", "WEBP", "SVG", "TIFF"),
            Kind.VIDEO, Set.of("MP4", "MOV"),
            Kind.AUDIO, Set.of("MP3", "WAV", "FLAC"),
            Kind.MODEL, Set.of("GLB", "SAFETENSORS"));

    static boolean supported(Kind kind, String format) {
        return FORMATS.get(kind).contains(format.toUpperCase(Locale.ROOT));
    }

    String extension() {
        String f = format.toUpperCase(Locale.ROOT);
        return f.equals("JPEG") ? "jpg" : f.toLowerCase(Locale.ROOT);
    }

    String contentType() {
        return switch (format.toUpperCase(Locale.ROOT)) {
            case "PNG" -> "image/png";
            case "JPG", "JPEG" -> "image/jpeg";
            case "WEBP" -> "image/webp";
            case "SVG" -> "image/svg+xml";
            case "TIFF" -> "image/tiff";
            case "FLAC" -> "audio/flac";
            case "MP4" -> "video/mp4";
            case "MOV" -> "video/quicktime";
            case "MP3" -> "audio/mpeg";
            case "WAV" -> "audio/wav";
            case "GLB" -> "model/gltf-binary";
            case "SAFETENSORS" -> "application/octet-stream";
            default -> "application/octet-stream";
        };
    }

    byte[] render() {
        Pattern p = new Pattern(seed, width, height);
        return switch (format.toUpperCase(Locale.ROOT)) {
            case "PNG" -> imageIo(p, "png");
            case "JPG", "JPEG" -> imageIo(p, "jpg");
            case "WEBP" -> WebpEncoder.encode(p, width, height);
            case "SVG" -> svg(p);
            case "TIFF" -> imageIo(p, "tiff");
            case "FLAC" -> AudioEncoder.flac(seed, seconds);
            case "MP4" -> Mp4Encoder.encode(p, width, height, seconds, false);
            case "MOV" -> Mp4Encoder.encode(p, width, height, seconds, true);
            case "MP3" -> AudioEncoder.mp3(seconds);
            case "WAV" -> AudioEncoder.wav(seed, seconds);
            case "GLB" -> GlbEncoder.encode(seed);
            case "SAFETENSORS" -> safetensors();
            default -> throw new IllegalStateException("no encoder for " + format);
        };
    }

    private byte[] imageIo(Pattern p, String type) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = p.rgb(x, y);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, type, out)) {
                throw new IllegalStateException("ImageIO has no writer for " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An empty but well-formed safetensors file: a length-prefixed JSON header with metadata only. */
    private byte[] safetensors() {
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"producer\":\"AIRgen emulator\",\"seed\":\"" + seed + "\"}}");
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + json.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putLong(json.length).put(json);
        return b.array();
    }

    private byte[] svg(Pattern p) {
        String svg = String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">"
                        + "<rect width=\"%d\" height=\"%d\" fill=\"#%06x\"/>"
                        + "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#%06x\"/></svg>",
                width, height, width, height, width, height, p.colorA, width / 2, height / 2,
                Math.min(width, height) / 3, p.colorB);
        return svg.getBytes(StandardCharsets.UTF_8);
    }
}
