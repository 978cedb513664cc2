package dev.airgen.emulator;

import java.io.ByteArrayOutputStream;

/**
 * A minimal lossless WEBP (VP8L) writer for two-colour pictures: no transforms, no colour cache and
 * one group of "simple" prefix codes, so every channel costs at most one bit per pixel.
 */
final class WebpEncoder {
    private WebpEncoder() {
    }

    static byte[] encode(Pattern p, int width, int height) {
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("WEBP size must be 1..16384, got " + width + "x" + height);
        }
        LsbBitWriter w = new LsbBitWriter();
        w.bits(0x2f, 8);
        w.bits(width - 1, 14);
        w.bits(height - 1, 14);
        w.bits(0, 1); // alpha hint: opaque
        w.bits(0, 3); // version
        w.bits(0, 1); // no transforms
        w.bits(0, 1); // no colour cache
        w.bits(0, 1); // a single prefix-code group
        int[] shifts = {8, 16, 0}; // green, red, blue: the order VP8L reads them
        int[][] values = new int[3][];
        for (int c = 0; c < 3; c++) {
            int a = (p.colorA >> shifts[c]) & 0xFF;
            int b = (p.colorB >> shifts[c]) & 0xFF;
            values[c] = a == b ? new int[] {a} : new int[] {Math.min(a, b), Math.max(a, b)};
            simpleCode(w, values[c]);
        }
        simpleCode(w, new int[] {255}); // alpha
        simpleCode(w, new int[] {0}); // distance codes, unused
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = p.rgb(x, y);
                for (int c = 0; c < 3; c++) {
                    if (values[c].length == 2) {
                        // Canonical codes give the smaller symbol the code 0.
                        w.bits(((rgb >> shifts[c]) & 0xFF) == values[c][1] ? 1 : 0, 1);
                    }
                }
            }
        }
        byte[] vp8l = w.toByteArray();
        int pad = vp8l.length & 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(vp8l.length + 21);
        out.writeBytes("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        le32(out, 4 + 8 + vp8l.length + pad);
        out.writeBytes("WEBPVP8L".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        le32(out, vp8l.length);
        out.writeBytes(vp8l);
        if (pad == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static void simpleCode(LsbBitWriter w, int[] symbols) {
        w.bits(1, 1); // simple code
        w.bits(symbols.length - 1, 1);
        w.bits(1, 1); // first symbol stored in 8 bits
        w.bits(symbols[0], 8);
        if (symbols.length == 2) {
            w.bits(symbols[1], 8);
        }
    }

    static void le32(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }

    /** Packs bits least-significant first, as VP8L reads them. */
    static final class LsbBitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int count;

        void bits(int value, int n) {
            acc |= ((long) value & ((1L << n) - 1)) << count;
            count += n;
            while (count >= 8) {
                out.write((int) (acc & 0xFF));
                acc >>>= 8;
                count -= 8;
            }
        }

        byte[] toByteArray() {
            if (count > 0) {
                out.write((int) (acc & 0xFF));
                acc = 0;
                count = 0;
            }
            return out.toByteArray();
        }
    }
}
