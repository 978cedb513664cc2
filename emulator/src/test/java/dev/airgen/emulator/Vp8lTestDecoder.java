package dev.airgen.emulator;

import java.util.Arrays;

/**
 * An independent reader for the subset of lossless WEBP (VP8L) the emulator writes: no transforms,
 * no colour cache, one prefix-code group of "simple" codes. It follows the bitstream specification
 * (LSB-first bits, canonical code assignment) and fails loudly on anything else.
 */
final class Vp8lTestDecoder {
    private final byte[] data;
    private long bit;

    private Vp8lTestDecoder(byte[] data) {
        this.data = data;
    }

    static int[] decode(byte[] vp8l, int expectedWidth, int expectedHeight) {
        Vp8lTestDecoder d = new Vp8lTestDecoder(vp8l);
        if (d.read(8) != 0x2f) {
            throw new AssertionError("bad VP8L signature");
        }
        int w = d.read(14) + 1;
        int h = d.read(14) + 1;
        d.read(1); // alpha hint
        if (d.read(3) != 0) {
            throw new AssertionError("VP8L version must be 0");
        }
        if (w != expectedWidth || h != expectedHeight) {
            throw new AssertionError("size " + w + "x" + h + ", expected " + expectedWidth + "x" + expectedHeight);
        }
        if (d.read(1) != 0) {
            throw new AssertionError("transforms are not expected");
        }
        if (d.read(1) != 0) {
            throw new AssertionError("colour cache is not expected");
        }
        if (d.read(1) != 0) {
            throw new AssertionError("meta prefix codes are not expected");
        }
        int[][] codes = new int[5][];
        for (int i = 0; i < 5; i++) {
            codes[i] = d.simpleCode();
        }
        int[] out = new int[w * h];
        for (int p = 0; p < out.length; p++) {
            int g = d.symbol(codes[0]);
            if (g >= 256) {
                throw new AssertionError("backward references are not expected");
            }
            int r = d.symbol(codes[1]);
            int b = d.symbol(codes[2]);
            int a = d.symbol(codes[3]);
            out[p] = (a << 24) | (r << 16) | (g << 8) | b;
        }
        long usedBytes = (d.bit + 7) / 8;
        if (usedBytes != vp8l.length) {
            throw new AssertionError("stream has " + vp8l.length + " bytes but pixels end at " + usedBytes);
        }
        return out;
    }

    /** Symbols sorted ascending: with canonical codes the smaller one gets code 0. */
    private int[] simpleCode() {
        if (read(1) != 1) {
            throw new AssertionError("only simple prefix codes are expected");
        }
        int n = read(1) + 1;
        int firstBits = read(1) == 1 ? 8 : 1;
        int[] symbols = new int[n];
        symbols[0] = read(firstBits);
        if (n == 2) {
            symbols[1] = read(8);
        }
        Arrays.sort(symbols);
        if (n == 2 && symbols[0] == symbols[1]) {
            throw new AssertionError("duplicate symbol in a simple code");
        }
        return symbols;
    }

    private int symbol(int[] code) {
        return code.length == 1 ? code[0] : code[read(1)];
    }

    private int read(int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            int byteIndex = (int) (bit >> 3);
            if (byteIndex >= data.length) {
                throw new AssertionError("read past the end of the VP8L stream");
            }
            v |= ((data[byteIndex] >> (bit & 7)) & 1) << i;
            bit++;
        }
        return v;
    }
}
