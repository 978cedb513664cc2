package dev.airgen.emulator;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An independent reader for the subset of lossless WEBP (VP8L) the emulator writes: no transforms,
 * no colour cache, one prefix-code group, literal pixels only. Prefix codes may be "simple" or
 * "normal" (code lengths sent through a code-length code, with repeats). It follows the bitstream
 * specification (LSB-first bits, canonical codes read from their first bit) and fails loudly on
 * anything else.
 */
final class Vp8lTestDecoder {
    private static final int[] CODE_LENGTH_ORDER = {17, 18, 0, 1, 2, 3, 4, 5, 16, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final int[] ALPHABETS = {256 + 24, 256, 256, 256, 40};

    private final byte[] data;
    private long bit;

    private Vp8lTestDecoder(byte[] data) {
        this.data = data;
    }

    /** ARGB pixels, row-major. */
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
        Code[] codes = new Code[5];
        for (int i = 0; i < 5; i++) {
            codes[i] = d.code(ALPHABETS[i]);
        }
        int[] out = new int[w * h];
        for (int p = 0; p < out.length; p++) {
            int g = codes[0].read(d);
            if (g >= 256) {
                throw new AssertionError("backward references are not expected");
            }
            int r = codes[1].read(d);
            int b = codes[2].read(d);
            int a = codes[3].read(d);
            out[p] = (a << 24) | (r << 16) | (g << 8) | b;
        }
        long usedBytes = (d.bit + 7) / 8;
        if (usedBytes != vp8l.length) {
            throw new AssertionError("stream has " + vp8l.length + " bytes but pixels end at " + usedBytes);
        }
        return out;
    }

    private Code code(int alphabet) {
        int[] lengths = new int[alphabet];
        if (read(1) == 1) {
            int n = read(1) + 1;
            int first = read(read(1) == 1 ? 8 : 1);
            lengths[first] = n == 1 ? 0 : 1;
            if (n == 2) {
                int second = read(8);
                if (second == first) {
                    throw new AssertionError("duplicate symbol in a simple code");
                }
                lengths[second] = 1;
            }
            return n == 1 ? Code.single(first) : Code.canonical(lengths);
        }
        int[] codeLengthLengths = new int[CODE_LENGTH_ORDER.length];
        int count = 4 + read(4);
        for (int i = 0; i < count; i++) {
            codeLengthLengths[CODE_LENGTH_ORDER[i]] = read(3);
        }
        Code lengthCode = Code.canonical(codeLengthLengths);
        int maxSymbol = alphabet;
        if (read(1) == 1) {
            maxSymbol = 2 + read(2 + 2 * read(3));
            if (maxSymbol > alphabet) {
                throw new AssertionError("max_symbol " + maxSymbol + " exceeds the alphabet of " + alphabet);
            }
        }
        int previous = 8;
        int symbol = 0;
        while (symbol < alphabet && maxSymbol-- > 0) {
            int c = lengthCode.read(this);
            if (c < 16) {
                lengths[symbol++] = c;
                previous = c != 0 ? c : previous;
            } else {
                int repeat = c == 16 ? 3 + read(2) : c == 17 ? 3 + read(3) : 11 + read(7);
                if (symbol + repeat > alphabet) {
                    throw new AssertionError("code length repeat runs past the alphabet");
                }
                Arrays.fill(lengths, symbol, symbol + repeat, c == 16 ? previous : 0);
                symbol += repeat;
            }
        }
        return Code.canonical(lengths);
    }

    /** A canonical prefix code: codes assigned by length, then symbol; a lone symbol takes no bits. */
    private record Code(Map<Long, Integer> byLengthAndCode, int lone) {
        static Code single(int symbol) {
            return new Code(Map.of(), symbol);
        }

        static Code canonical(int[] lengths) {
            int used = 0;
            int only = -1;
            for (int s = 0; s < lengths.length; s++) {
                if (lengths[s] > 0) {
                    used++;
                    only = s;
                }
            }
            if (used == 0) {
                throw new AssertionError("a prefix code without symbols");
            }
            if (used == 1) {
                return single(only);
            }
            Map<Long, Integer> table = new HashMap<>();
            int code = 0;
            double kraft = 0;
            for (int len = 1; len <= 15; len++) {
                for (int s = 0; s < lengths.length; s++) {
                    if (lengths[s] == len) {
                        table.put(((long) len << 32) | code, s);
                        code++;
                        kraft += Math.pow(2, -len);
                    }
                }
                code <<= 1;
            }
            if (Math.abs(kraft - 1) > 1e-9) {
                throw new AssertionError("the prefix code is not complete (Kraft sum " + kraft + ")");
            }
            return new Code(table, -1);
        }

        int read(Vp8lTestDecoder d) {
            if (lone >= 0) {
                return lone;
            }
            long code = 0;
            for (int len = 1; len <= 15; len++) {
                code = (code << 1) | d.read(1);
                Integer s = byLengthAndCode.get(((long) len << 32) | code);
                if (s != null) {
                    return s;
                }
            }
            throw new AssertionError("no symbol for the code read");
        }
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
