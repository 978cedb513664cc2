package dev.airgen.emulator;

import java.io.ByteArrayOutputStream;

/**
 * A minimal lossless WEBP (VP8L) writer: no transforms, no colour cache, one group of prefix codes.
 * Two-colour pictures use "simple" codes, so every channel costs at most one bit per pixel; any other
 * ARGB picture uses flat eight-bit codes, i.e. is stored uncompressed.
 */
final class WebpEncoder {
    private WebpEncoder() {
    }

    static byte[] encode(Picture p, int width, int height) {
        LsbBitWriter w = header(width, height, false);
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
        return riff(w.toByteArray());
    }

    /** Any ARGB picture (row-major {@code argb}), stored with flat eight-bit codes for every channel. */
    static byte[] encodeArgb(int[] argb, int width, int height) {
        LsbBitWriter w = header(width, height, true);
        for (int c = 0; c < 4; c++) {
            flatCode(w); // green, red, blue, alpha
        }
        simpleCode(w, new int[] {0}); // distance codes, unused
        int[] shifts = {8, 16, 0, 24};
        for (int pixel : argb) {
            for (int shift : shifts) {
                w.bits(Integer.reverse((pixel >>> shift) & 0xFF) >>> 24, 8);
            }
        }
        return riff(w.toByteArray());
    }

    private static LsbBitWriter header(int width, int height, boolean alpha) {
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("WEBP size must be 1..16384, got " + width + "x" + height);
        }
        LsbBitWriter w = new LsbBitWriter();
        w.bits(0x2f, 8);
        w.bits(width - 1, 14);
        w.bits(height - 1, 14);
        w.bits(alpha ? 1 : 0, 1); // alpha hint
        w.bits(0, 3); // version
        w.bits(0, 1); // no transforms
        w.bits(0, 1); // no colour cache
        w.bits(0, 1); // a single prefix-code group
        return w;
    }

    /**
     * A "normal" prefix code giving the first 256 symbols eight bits each (their canonical code is the
     * symbol itself, read most significant bit first). The code lengths are sent as 43 repeats of the
     * previous length, which starts at 8; the code-length code has that one symbol, so it takes no bits.
     */
    private static void flatCode(LsbBitWriter w) {
        w.bits(0, 1); // normal code
        w.bits(9 - 4, 4); // nine code-length code lengths, in the order 17, 18, 0, 1, 2, 3, 4, 5, 16
        for (int i = 0; i < 8; i++) {
            w.bits(0, 3);
        }
        w.bits(1, 3); // symbol 16, "repeat the previous length", is the only one
        w.bits(1, 1); // a maximum number of code-length symbols follows
        w.bits(2, 3); // ... in 2 + 2 * 2 = 6 bits
        w.bits(43 - 2, 6);
        for (int i = 0; i < 42; i++) {
            w.bits(3, 2); // repeat 3 + 3 = 6 times
        }
        w.bits(1, 2); // repeat 3 + 1 = 4 times: 256 lengths in all
    }

    private static byte[] riff(byte[] vp8l) {
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
