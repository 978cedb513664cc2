package dev.airgen.emulator;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * A recipe for one generated file; the same recipe always renders the same bytes. Pictures carry a
 * caption saying what they were made for; videos may have a soundtrack; audio is music or speech; a
 * background removal keeps what it cuts out.
 *
 * @param caption lines shown on pictures and video frames
 * @param sound   what audio sounds like, and whether a video has a soundtrack (null: no sound)
 * @param cutout  the input of a background removal, or null
 */
record MediaSpec(Kind kind, String format, int width, int height, long seed, double seconds, List<String> caption,
                 Sound.Style sound, Cutout cutout) {

    enum Kind { IMAGE, VIDEO, AUDIO, MODEL }

    static final Map<Kind, Set<String>> FORMATS = Map.of(
            Kind.IMAGE, Set.of("PNG", "JPG", "JPEG", "WEBP", "SVG", "TIFF"),
            Kind.VIDEO, Set.of("MP4", "MOV"),
            Kind.AUDIO, Set.of("MP3", "WAV", "FLAC"),
            Kind.MODEL, Set.of("GLB", "SAFETENSORS"));

    MediaSpec {
        caption = List.copyOf(caption);
    }

    /** A file with no caption, sound or cut-out. */
    MediaSpec(Kind kind, String format, int width, int height, long seed, double seconds) {
        this(kind, format, width, height, seed, seconds, List.of(), null, null);
    }

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

    /** The picture of an image, or of a video's first frame. */
    Picture picture() {
        return kind == Kind.VIDEO ? Picture.video(seed, width, height, caption) : new Picture(seed, width, height, caption);
    }

    byte[] render() {
        String f = format.toUpperCase(Locale.ROOT);
        return switch (kind) {
            case IMAGE -> cutout != null ? encode(cutout.render(this), f) : switch (f) {
                case "WEBP" -> WebpEncoder.encode(picture(), width, height);
                case "SVG" -> svg(picture());
                default -> encode(image(), f);
            };
            case VIDEO -> Mp4Encoder.encode(picture(), width, height, seconds, f.equals("MOV"),
                    sound == null ? null : new Mp4Encoder.Audio(Sound.pcm(sound, seed, seconds, AudioEncoder.RATE), AudioEncoder.RATE));
            case AUDIO -> switch (f) {
                case "MP3" -> Mp3Encoder.encode(style(), seed, seconds);
                case "WAV" -> AudioEncoder.wav(Sound.pcm(style(), seed, seconds, AudioEncoder.RATE));
                default -> AudioEncoder.flac(Sound.pcm(style(), seed, seconds, AudioEncoder.RATE));
            };
            case MODEL -> f.equals("GLB") ? GlbEncoder.encode(seed) : safetensors();
        };
    }

    private Sound.Style style() {
        return sound == null ? Sound.Style.MUSIC : sound;
    }

    /** The pixels this file shows: its picture, or the cut-out with its alpha channel. */
    BufferedImage image() {
        if (cutout != null) {
            return cutout.render(this);
        }
        Picture p = picture();
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = p.rgb(x, y);
            }
            img.setRGB(0, y, width, 1, row, 0, width);
        }
        return img;
    }

    private static byte[] encode(BufferedImage img, String format) {
        switch (format) {
            case "WEBP" -> {
                int w = img.getWidth();
                int h = img.getHeight();
                return WebpEncoder.encodeArgb(img.getRGB(0, 0, w, h, null, 0, w), w, h);
            }
            case "SVG" -> {
                // Only a background removal gets here: the cut-out, embedded as a PNG.
                String png = Base64.getEncoder().encodeToString(encode(img, "PNG"));
                return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">"
                        + "<image width=\"%d\" height=\"%d\" href=\"data:image/png;base64,%s\"/></svg>",
                        img.getWidth(), img.getHeight(), img.getWidth(), img.getHeight(), png).getBytes(StandardCharsets.UTF_8);
            }
            default -> {
                boolean jpeg = format.equals("JPG") || format.equals("JPEG");
                BufferedImage out = img;
                if (jpeg && img.getColorModel().hasAlpha()) {
                    // JPEG has no alpha channel: what is cut away becomes white.
                    out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
                    Graphics2D g = out.createGraphics();
                    g.setColor(java.awt.Color.WHITE);
                    g.fillRect(0, 0, img.getWidth(), img.getHeight());
                    g.drawImage(img, 0, 0, null);
                    g.dispose();
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try {
                    if (!ImageIO.write(out, jpeg ? "jpg" : format.toLowerCase(Locale.ROOT), bytes)) {
                        throw new IllegalStateException("ImageIO has no writer for " + format);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return bytes.toByteArray();
            }
        }
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

    /** The picture as vector shapes, with its caption as text on the panel. */
    private byte[] svg(Picture p) {
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">"
                        + "<rect width=\"%d\" height=\"%d\" fill=\"#%06x\"/>"
                        + "<circle cx=\"%d\" cy=\"%d\" r=\"%d\" fill=\"#%06x\"/>",
                width, height, width, height, width, height, p.colorA, width / 2, height / 2,
                Math.min(width, height) / 3, p.colorB));
        TextBlock caption = p.caption();
        List<String> rows = caption.rows();
        if (!rows.isEmpty()) {
            int longest = rows.stream().mapToInt(String::length).max().orElse(0);
            int pad = 2 * caption.scale();
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%06x\"/>",
                    caption.cellLeft(0) - pad, caption.cellTop(0) - pad, longest * caption.cellWidth() + 2 * pad,
                    rows.size() * caption.cellHeight() + pad, p.colorA));
            svg.append(String.format(Locale.ROOT, "<g font-family=\"monospace\" font-size=\"%d\" fill=\"#%06x\">",
                    caption.cellHeight() * 7 / 10, p.colorB));
            for (int i = 0; i < rows.size(); i++) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" textLength=\"%d\">%s</text>",
                        caption.cellLeft(0), caption.cellTop(i) + caption.cellHeight() * 7 / 10,
                        rows.get(i).length() * caption.cellWidth(), xml(rows.get(i))));
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
