package dev.airgen.emulator;

import java.util.List;

/**
 * Writes a {@link Sound} score as MPEG-1 Layer III (64 kbit/s, 48 kHz, mono) without a psychoacoustic
 * model or filterbank: each granule's spectrum is written directly. Every tone's strong partials become
 * spectral lines of magnitude one at their frequency, coded in the "count1" region with Huffman table B
 * (a fixed four-bit code per quadruple of lines), and the granule's global gain carries the loudness.
 * Any MP3 decoder turns that into the score's tones.
 */
final class Mp3Encoder {
    /** 144 × 64000 / 48000 bytes: no padding slot is ever needed. */
    static final int FRAME_BYTES = 192;
    static final int FRAME_SAMPLES = 1152;
    static final int RATE = 48000;
    private static final int GRANULE = 576;
    private static final int SIDE_INFO_BYTES = 17;
    private static final double LINE_HERTZ = RATE / 2.0 / GRANULE;
    /** Global gain for a tone at full level; a line of magnitude one is then worth 2^((gain - 210) / 4). */
    private static final int FULL_GAIN = 200;
    /** Partials weaker than this share of the strongest are left out. */
    private static final double PARTIAL_FLOOR = 0.3;

    private Mp3Encoder() {
    }

    static byte[] encode(Sound.Style style, long seed, double seconds) {
        List<Sound.Tone> score = Sound.score(style, seed, seconds);
        int frames = (int) Math.max(1, Math.ceil(seconds * RATE / FRAME_SAMPLES));
        byte[] out = new byte[frames * FRAME_BYTES];
        for (int f = 0; f < frames; f++) {
            Granule[] granules = {granule(score, 2 * f), granule(score, 2 * f + 1)};
            Mp4Encoder.MsbBitWriter w = new Mp4Encoder.MsbBitWriter();
            w.bits(0xFFFB54C0L, 32); // sync, MPEG-1, Layer III, no CRC, 64 kbit/s, 48 kHz, mono
            w.bits(0, 9); // main_data_begin: no bit reservoir
            w.bits(0, 5); // private_bits
            w.bits(0, 4); // scfsi
            for (Granule g : granules) {
                w.bits(g.bits(), 12); // part2_3_length
                w.bits(0, 9); // big_values: every line is in the count1 region
                w.bits(g.gain(), 8);
                w.bits(0, 4); // scalefac_compress: no scale factors
                w.bits(0, 1); // window_switching_flag: long blocks
                w.bits(0, 15); // table_select (unused without big values)
                w.bits(0, 4); // region0_count
                w.bits(0, 3); // region1_count
                w.bits(0, 1); // preflag
                w.bits(0, 1); // scalefac_scale
                w.bits(1, 1); // count1table_select: table B
            }
            for (Granule g : granules) {
                writeLines(w, g.lines());
            }
            w.alignZero();
            byte[] frame = w.toByteArray();
            if (frame.length > FRAME_BYTES) {
                throw new IllegalStateException("an MP3 frame outgrew " + FRAME_BYTES + " bytes");
            }
            System.arraycopy(frame, 0, out, f * FRAME_BYTES, frame.length);
        }
        return out;
    }

    /** One granule's lines (-1, 0 or 1, up to the last non-zero one), its gain and its coded size in bits. */
    private record Granule(int[] lines, int gain, int bits) {
    }

    private static Granule granule(List<Sound.Tone> score, int index) {
        double t = (index * GRANULE + GRANULE / 2.0) / RATE;
        int[] lines = new int[GRANULE];
        double level = 0;
        int last = -1;
        for (Sound.Tone tone : score) {
            double env = tone.envelope(t);
            if (env <= 0) {
                continue;
            }
            level = Math.max(level, env);
            double strongest = 0;
            for (double p : tone.partials()) {
                strongest = Math.max(strongest, p);
            }
            for (int k = 0; k < tone.partials().length; k++) {
                if (tone.partials()[k] < PARTIAL_FLOOR * strongest) {
                    continue;
                }
                int line = (int) Math.round(tone.frequencyAt(t) * (k + 1) / LINE_HERTZ - 0.5);
                if (line >= 0 && line < GRANULE) {
                    // A steady tone's coefficient turns by pi (line + 1/2) from one granule to the next.
                    lines[line] = Math.cos(Math.PI * (line + 0.5) * index + Math.PI / 4) >= 0 ? 1 : -1;
                    last = Math.max(last, line);
                }
            }
        }
        if (last < 0) {
            return new Granule(new int[0], 0, 0);
        }
        int[] used = java.util.Arrays.copyOf(lines, (last / 4 + 1) * 4);
        int bits = 0;
        for (int v : used) {
            bits += v != 0 ? 1 : 0;
        }
        bits += used.length; // four code bits per quadruple
        int gain = (int) Math.max(0, Math.min(255, Math.round(FULL_GAIN + 4 * Math.log(level) / Math.log(2))));
        return new Granule(used, gain, bits);
    }

    /** Table B codes a quadruple (v, w, x, y) of zeros and ones as the four bits of 15 - vwxy, then the signs. */
    private static void writeLines(Mp4Encoder.MsbBitWriter w, int[] lines) {
        for (int q = 0; q < lines.length; q += 4) {
            int value = 0;
            for (int i = 0; i < 4; i++) {
                value = value << 1 | (lines[q + i] != 0 ? 1 : 0);
            }
            w.bits(15 - value, 4);
            for (int i = 0; i < 4; i++) {
                if (lines[q + i] != 0) {
                    w.bits(lines[q + i] < 0 ? 1 : 0, 1);
                }
            }
        }
    }
}
