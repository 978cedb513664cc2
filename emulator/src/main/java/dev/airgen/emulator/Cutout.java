package dev.airgen.emulator;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import tools.jackson.databind.JsonNode;

/**
 * The input of a background removal and how to cut it out. The emulator finds the input among what it
 * holds (an earlier output or upload, by UUID or by its URL here) or in the request (a data URI or
 * base64), and returns its pixels with an alpha channel: opaque inside a centred ellipse, transparent
 * outside, so that the cut is plainly emulated. An input it cannot have (a remote URL it never
 * downloads, an unknown UUID, bytes no image reader understands) becomes a labelled cut-out saying so.
 *
 * @param earlier an earlier output's recipe, or null
 * @param bytes   uploaded bytes, or null
 * @param encoded a data URI or base64 string from the request, or null
 * @param missing why no input is available, when none of the above is set
 */
record Cutout(MediaSpec earlier, byte[] bytes, String encoded, String missing) {

    /** Where the input may be given, newest API first. */
    private static final List<String> FIELDS = List.of("image", "inputImage");

    /** Finds a removal task's input. */
    static Cutout of(JsonNode task, MediaStore media, String mediaBase) {
        String ref = null;
        for (String field : FIELDS) {
            ref = ref != null ? ref : JsonNodes.text(task.path("inputs"), field);
            ref = ref != null ? ref : JsonNodes.text(task, field);
        }
        if (ref == null || ref.isBlank()) {
            return missing("the task names no input image");
        }
        String name = null;
        if (ref.startsWith(mediaBase)) {
            name = ref.substring(mediaBase.length());
        } else if (ref.length() == 36) {
            try {
                name = media.nameOf(UUID.fromString(ref).toString());
            } catch (IllegalArgumentException notUuid) {
                // base64 that happens to be 36 characters long
            }
            if (name == null && ref.charAt(8) == '-') {
                return missing("no media with UUID " + ref + " on this emulator");
            }
        }
        if (name != null) {
            MediaStore.Entry e = media.get(name);
            if (e == null) {
                return missing("no media " + TaskEngine.abbreviate(name) + " on this emulator");
            }
            if (e.redirect() != null) {
                return missing("uploaded from " + TaskEngine.abbreviate(e.redirect()) + ", which is never downloaded");
            }
            return e.spec() != null ? new Cutout(e.spec(), null, null, null) : new Cutout(null, e.bytes(), null, null);
        }
        if (ref.startsWith("http://") || ref.startsWith("https://")) {
            return missing(TaskEngine.abbreviate(ref) + " is never downloaded");
        }
        return new Cutout(null, null, ref, null);
    }

    private static Cutout missing(String why) {
        return new Cutout(null, null, null, why);
    }

    /** The cut-out as an ARGB picture; {@code spec} gives the size, seed and caption of a labelled one. */
    BufferedImage render(MediaSpec spec) {
        boolean picture = earlier != null && (earlier.kind() == MediaSpec.Kind.IMAGE || earlier.kind() == MediaSpec.Kind.VIDEO);
        BufferedImage source = picture ? earlier.image() : bytes != null ? decode(bytes) : encoded != null ? decode(encoded) : null;
        String why = missing != null ? missing : earlier != null && !picture ? "the input is not an image"
                : "the input could not be decoded as an image";
        if (source == null) {
            return labelled(spec, why);
        }
        int w = source.getWidth();
        int h = source.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            source.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                row[x] = inEllipse(x, y, w, h) ? row[x] : 0;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    /** A picture saying no input was available, cut out like a real one (its caption kept opaque). */
    private static BufferedImage labelled(MediaSpec spec, String why) {
        int w = spec.width();
        int h = spec.height();
        List<String> caption = new java.util.ArrayList<>(spec.caption());
        caption.add("input not available: " + why);
        Picture p = new Picture(spec.seed(), w, h, caption);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = inEllipse(x, y, w, h) || p.caption().covers(x, y) ? 0xFF000000 | p.rgb(x, y) : 0;
            }
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }

    static boolean inEllipse(int x, int y, int w, int h) {
        double dx = (x + 0.5 - w / 2.0) / (0.42 * w);
        double dy = (y + 0.5 - h / 2.0) / (0.46 * h);
        return dx * dx + dy * dy <= 1;
    }

    private static BufferedImage decode(String encoded) {
        String data = encoded;
        if (encoded.startsWith("data:")) {
            int comma = encoded.indexOf(',');
            if (comma < 0) {
                return null;
            }
            data = encoded.substring(comma + 1);
        }
        try {
            return decode(Base64.getMimeDecoder().decode(data));
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /**
     * Decodes an image without trusting its header: one whose size exceeds what the emulator renders
     * is read subsampled, so a small file claiming a huge picture cannot exhaust memory.
     */
    static BufferedImage decode(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1) {
                    return null;
                }
                int step = 1;
                while (((w + step - 1) / step) * ((h + step - 1) / step) > Results.MAX_PIXELS) {
                    step++;
                }
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
