package dev.airgen.emulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a small but playable MP4 (or QuickTime) file. Video: one H.264 Baseline IDR picture made of
 * I_PCM macroblocks (raw samples, so no encoder is needed), then P pictures that skip every macroblock
 * except those of the timeline band that changed since the previous frame, which are sent again as
 * I_PCM; so the clock and progress bar move while the file stays small. Audio, when asked for: a
 * 16-bit mono PCM track ({@code sowt}, little-endian samples) in the same file.
 */
final class Mp4Encoder {
    static final int FPS = 8;
    private static final int TIMESCALE = 1000;
    /** mb_type of I_PCM in a P slice: the five P types come first. */
    private static final int P_SLICE_I_PCM = 5 + 25;

    /** PCM samples of an audio track and their rate. */
    record Audio(short[] samples, int rate) {
    }

    private Mp4Encoder() {
    }

    static byte[] encode(Picture picture, int width, int height, double seconds, boolean quickTime, Audio audio) {
        int w = Math.max(16, width + (width & 1));
        int h = Math.max(16, height + (height & 1));
        int mbW = (w + 15) / 16;
        int mbH = (h + 15) / 16;
        if ((long) mbW * mbH > 36864) {
            throw new IllegalArgumentException("video frame too large: " + width + "x" + height);
        }
        int frames = Math.max(1, (int) Math.round(seconds * FPS));
        byte[] sps = sps(mbW, mbH, w, h);
        byte[] pps = pps();
        List<byte[]> samples = new ArrayList<>(frames);
        Picture first = picture.atTime(0, seconds);
        samples.add(lengthPrefixed(idrSlice(first, mbW, mbH, w, h)));
        int bandRow = Math.min(mbH, Picture.timelineTop(width, height) / 16);
        byte[][] previous = new byte[(mbH - bandRow) * mbW][];
        for (int my = bandRow; my < mbH; my++) {
            for (int mx = 0; mx < mbW; mx++) {
                previous[(my - bandRow) * mbW + mx] = macroblock(first, mx, my, w, h);
            }
        }
        for (int i = 1; i < frames; i++) {
            Picture frame = picture.atTime((double) i / FPS, seconds);
            SortedMap<Integer, byte[]> changed = new TreeMap<>();
            for (int my = bandRow; my < mbH; my++) {
                for (int mx = 0; mx < mbW; mx++) {
                    byte[] now = macroblock(frame, mx, my, w, h);
                    int at = (my - bandRow) * mbW + mx;
                    if (!Arrays.equals(now, previous[at])) {
                        changed.put(my * mbW + mx, now);
                        previous[at] = now;
                    }
                }
            }
            samples.add(lengthPrefixed(pSlice(mbW * mbH, i % 16, changed)));
        }
        int delta = TIMESCALE / FPS;
        long duration = (long) frames * delta;

        byte[] ftyp = quickTime
                ? box("ftyp", cat(ascii("qt  "), be32(0x200), ascii("qt  ")))
                : box("ftyp", cat(ascii("isom"), be32(0x200), ascii("isom"), ascii("iso2"), ascii("avc1"), ascii("mp41")));
        ByteArrayOutputStream video = new ByteArrayOutputStream();
        samples.forEach(video::writeBytes);
        byte[] sound = audio == null ? new byte[0] : littleEndian(audio.samples());
        byte[] moov = moov(samples, sps, pps, w, h, duration, delta, audio, 0, 0);
        int mdatStart = ftyp.length + moov.length + 8;
        moov = moov(samples, sps, pps, w, h, duration, delta, audio, mdatStart, mdatStart + video.size());
        return cat(ftyp, moov, box("mdat", cat(video.toByteArray(), sound)));
    }

    private static byte[] littleEndian(short[] samples) {
        byte[] out = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            out[2 * i] = (byte) samples[i];
            out[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return out;
    }

    private static byte[] moov(List<byte[]> samples, byte[] sps, byte[] pps, int w, int h, long duration, int delta,
                               Audio audio, int videoOffset, int audioOffset) {
        long audioDuration = audio == null ? 0 : (long) audio.samples().length * TIMESCALE / audio.rate();
        byte[] mvhd = fullBox("mvhd", 0, 0, cat(be32(0), be32(0), be32(TIMESCALE), be32((int) Math.max(duration, audioDuration)),
                be32(0x00010000), be16(0x0100), new byte[10], matrix(), new byte[24], be32(audio == null ? 2 : 3)));
        byte[] tkhd = fullBox("tkhd", 0, 3, cat(be32(0), be32(0), be32(1), be32(0), be32((int) duration),
                new byte[8], be16(0), be16(0), be16(0), be16(0), matrix(), be32(w << 16), be32(h << 16)));
        byte[] mdhd = fullBox("mdhd", 0, 0, cat(be32(0), be32(0), be32(TIMESCALE), be32((int) duration),
                be16(0x55C4), be16(0)));
        byte[] hdlr = fullBox("hdlr", 0, 0, cat(be32(0), ascii("vide"), new byte[12], ascii("VideoHandler"), new byte[1]));
        byte[] vmhd = fullBox("vmhd", 0, 1, new byte[8]);
        byte[] avcC = box("avcC", cat(new byte[] {1, sps[1], sps[2], sps[3], (byte) 0xFF, (byte) 0xE1},
                be16(sps.length), sps, new byte[] {1}, be16(pps.length), pps));
        byte[] avc1 = box("avc1", cat(new byte[6], be16(1), be16(0), be16(0), new byte[12], be16(w), be16(h),
                be32(0x00480000), be32(0x00480000), be32(0), be16(1), new byte[32], be16(0x18), be16(0xFFFF), avcC));
        byte[] stsd = fullBox("stsd", 0, 0, cat(be32(1), avc1));
        byte[] stts = fullBox("stts", 0, 0, cat(be32(1), be32(samples.size()), be32(delta)));
        byte[] stss = fullBox("stss", 0, 0, cat(be32(1), be32(1)));
        byte[] stsc = fullBox("stsc", 0, 0, cat(be32(1), be32(1), be32(samples.size()), be32(1)));
        ByteArrayOutputStream sizes = new ByteArrayOutputStream();
        samples.forEach(s -> sizes.writeBytes(be32(s.length)));
        byte[] stsz = fullBox("stsz", 0, 0, cat(be32(0), be32(samples.size()), sizes.toByteArray()));
        byte[] stco = fullBox("stco", 0, 0, cat(be32(1), be32(videoOffset)));
        byte[] stbl = box("stbl", cat(stsd, stts, stss, stsc, stsz, stco));
        byte[] minf = box("minf", cat(vmhd, dataInformation(), stbl));
        byte[] mdia = box("mdia", cat(mdhd, hdlr, minf));
        byte[] trak = box("trak", cat(tkhd, mdia));
        return box("moov", audio == null ? cat(mvhd, trak) : cat(mvhd, trak, audioTrak(audio, audioDuration, audioOffset)));
    }

    private static byte[] dataInformation() {
        return box("dinf", fullBox("dref", 0, 0, cat(be32(1), fullBox("url ", 0, 1, new byte[0]))));
    }

    /** Track 2: every PCM frame (one 16-bit sample) is a sample of one chunk. */
    private static byte[] audioTrak(Audio audio, long duration, int offset) {
        int n = audio.samples().length;
        byte[] tkhd = fullBox("tkhd", 0, 3, cat(be32(0), be32(0), be32(2), be32(0), be32((int) duration),
                new byte[8], be16(0), be16(1), be16(0x0100), be16(0), matrix(), be32(0), be32(0)));
        byte[] mdhd = fullBox("mdhd", 0, 0, cat(be32(0), be32(0), be32(audio.rate()), be32(n), be16(0x55C4), be16(0)));
        byte[] hdlr = fullBox("hdlr", 0, 0, cat(be32(0), ascii("soun"), new byte[12], ascii("SoundHandler"), new byte[1]));
        byte[] smhd = fullBox("smhd", 0, 0, new byte[4]);
        byte[] sowt = box("sowt", cat(new byte[6], be16(1), be16(0), be16(0), be32(0), be16(1), be16(16), be16(0), be16(0),
                be32(audio.rate() << 16)));
        byte[] stsd = fullBox("stsd", 0, 0, cat(be32(1), sowt));
        byte[] stts = fullBox("stts", 0, 0, cat(be32(1), be32(n), be32(1)));
        byte[] stsc = fullBox("stsc", 0, 0, cat(be32(1), be32(1), be32(n), be32(1)));
        byte[] stsz = fullBox("stsz", 0, 0, cat(be32(2), be32(n)));
        byte[] stco = fullBox("stco", 0, 0, cat(be32(1), be32(offset)));
        byte[] stbl = box("stbl", cat(stsd, stts, stsc, stsz, stco));
        byte[] minf = box("minf", cat(smhd, dataInformation(), stbl));
        return box("trak", cat(tkhd, box("mdia", cat(mdhd, hdlr, minf))));
    }

    // ---- H.264 ----

    private static byte[] sps(int mbW, int mbH, int w, int h) {
        int mbs = mbW * mbH;
        int level = mbs <= 396 ? 20 : mbs <= 1620 ? 30 : mbs <= 3600 ? 31 : mbs <= 8192 ? 40 : mbs <= 22080 ? 50 : 51;
        MsbBitWriter b = new MsbBitWriter();
        b.bits(66, 8); // Baseline
        b.bits(0xC0, 8); // constraint_set0 and constraint_set1
        b.bits(level, 8);
        b.ue(0); // seq_parameter_set_id
        b.ue(0); // log2_max_frame_num_minus4 (frame_num has 4 bits)
        b.ue(2); // pic_order_cnt_type 2: output order is decoding order
        b.ue(1); // max_num_ref_frames
        b.bits(0, 1); // gaps_in_frame_num_value_allowed_flag
        b.ue(mbW - 1);
        b.ue(mbH - 1);
        b.bits(1, 1); // frame_mbs_only_flag
        b.bits(1, 1); // direct_8x8_inference_flag
        int cropRight = (mbW * 16 - w) / 2;
        int cropBottom = (mbH * 16 - h) / 2;
        if (cropRight > 0 || cropBottom > 0) {
            b.bits(1, 1);
            b.ue(0);
            b.ue(cropRight);
            b.ue(0);
            b.ue(cropBottom);
        } else {
            b.bits(0, 1);
        }
        b.bits(0, 1); // no VUI
        b.trailing();
        return nal(3, 7, b.toByteArray());
    }

    private static byte[] pps() {
        MsbBitWriter b = new MsbBitWriter();
        b.ue(0); // pic_parameter_set_id
        b.ue(0); // seq_parameter_set_id
        b.bits(0, 1); // CAVLC
        b.bits(0, 1); // bottom_field_pic_order_in_frame_present_flag
        b.ue(0); // one slice group
        b.ue(0); // num_ref_idx_l0_default_active_minus1
        b.ue(0); // num_ref_idx_l1_default_active_minus1
        b.bits(0, 1); // weighted_pred_flag
        b.bits(0, 2); // weighted_bipred_idc
        b.se(0); // pic_init_qp_minus26
        b.se(0); // pic_init_qs_minus26
        b.se(0); // chroma_qp_index_offset
        b.bits(1, 1); // deblocking_filter_control_present_flag
        b.bits(0, 1); // constrained_intra_pred_flag
        b.bits(0, 1); // redundant_pic_cnt_present_flag
        b.trailing();
        return nal(3, 8, b.toByteArray());
    }

    private static byte[] idrSlice(Picture p, int mbW, int mbH, int w, int h) {
        MsbBitWriter b = new MsbBitWriter();
        b.ue(0); // first_mb_in_slice
        b.ue(7); // slice_type: I, and every slice of the picture is I
        b.ue(0); // pic_parameter_set_id
        b.bits(0, 4); // frame_num
        b.ue(0); // idr_pic_id
        b.bits(0, 1); // no_output_of_prior_pics_flag
        b.bits(0, 1); // long_term_reference_flag
        b.se(0); // slice_qp_delta
        b.ue(1); // disable_deblocking_filter_idc: off
        for (int my = 0; my < mbH; my++) {
            for (int mx = 0; mx < mbW; mx++) {
                b.ue(25); // mb_type I_PCM
                b.alignZero();
                b.bytes(macroblock(p, mx, my, w, h));
            }
        }
        b.trailing();
        return nal(3, 5, b.toByteArray());
    }

    /** The 256 luma and 2×64 chroma samples of one macroblock, as I_PCM stores them. */
    private static byte[] macroblock(Picture p, int mx, int my, int w, int h) {
        byte[] out = new byte[384];
        for (int j = 0; j < 16; j++) {
            for (int i = 0; i < 16; i++) {
                out[j * 16 + i] = (byte) luma(p.rgb(Math.min(mx * 16 + i, w - 1), Math.min(my * 16 + j, h - 1)));
            }
        }
        for (int j = 0; j < 8; j++) {
            for (int i = 0; i < 8; i++) {
                int rgb = p.rgb(Math.min(mx * 16 + i * 2, w - 1), Math.min(my * 16 + j * 2, h - 1));
                out[256 + j * 8 + i] = (byte) chroma(rgb, true);
                out[320 + j * 8 + i] = (byte) chroma(rgb, false);
            }
        }
        return out;
    }

    /** A P picture: every macroblock skipped (a copy of the previous picture) except the changed ones. */
    private static byte[] pSlice(int mbs, int frameNum, SortedMap<Integer, byte[]> changed) {
        MsbBitWriter b = new MsbBitWriter();
        b.ue(0); // first_mb_in_slice
        b.ue(5); // slice_type: P, and every slice of the picture is P
        b.ue(0); // pic_parameter_set_id
        b.bits(frameNum, 4);
        b.bits(0, 1); // num_ref_idx_active_override_flag
        b.bits(0, 1); // ref_pic_list_modification_flag_l0
        b.bits(0, 1); // adaptive_ref_pic_marking_mode_flag: sliding window
        b.se(0); // slice_qp_delta
        b.ue(1); // disable_deblocking_filter_idc
        int next = 0;
        for (Map.Entry<Integer, byte[]> mb : changed.entrySet()) {
            b.ue(mb.getKey() - next); // mb_skip_run before this macroblock
            b.ue(P_SLICE_I_PCM);
            b.alignZero();
            b.bytes(mb.getValue());
            next = mb.getKey() + 1;
        }
        if (next < mbs) {
            b.ue(mbs - next); // the rest is skipped
        }
        b.trailing();
        return nal(2, 1, b.toByteArray());
    }

    private static int luma(int rgb) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int bl = rgb & 0xFF;
        return clampSample(16 + ((66 * r + 129 * g + 25 * bl + 128) >> 8));
    }

    private static int chroma(int rgb, boolean blue) {
        int r = (rgb >> 16) & 0xFF;
        int g = (rgb >> 8) & 0xFF;
        int bl = rgb & 0xFF;
        int v = blue ? 128 + ((-38 * r - 74 * g + 112 * bl + 128) >> 8) : 128 + ((112 * r - 94 * g - 18 * bl + 128) >> 8);
        return clampSample(v);
    }

    /** PCM samples stay away from 0 so that old decoders never see a start-code-like run. */
    private static int clampSample(int v) {
        return Math.max(1, Math.min(254, v));
    }

    /** Wraps an RBSP into a NAL unit, inserting emulation-prevention bytes. */
    private static byte[] nal(int refIdc, int type, byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + 16);
        out.write((refIdc << 5) | type);
        int zeros = 0;
        for (byte value : rbsp) {
            int v = value & 0xFF;
            if (zeros >= 2 && v <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(v);
            zeros = v == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    private static byte[] lengthPrefixed(byte[] nal) {
        return cat(be32(nal.length), nal);
    }

    /** Packs bits most-significant first, with Exp-Golomb codes, as H.264 reads them. */
    static final class MsbBitWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private int acc;
        private int count;

        void bits(long value, int n) {
            for (int i = n - 1; i >= 0; i--) {
                acc = (acc << 1) | (int) ((value >>> i) & 1);
                if (++count == 8) {
                    out.write(acc);
                    acc = 0;
                    count = 0;
                }
            }
        }

        void ue(long v) {
            long x = v + 1;
            int len = 64 - Long.numberOfLeadingZeros(x);
            bits(0, len - 1);
            bits(x, len);
        }

        void se(long v) {
            ue(v <= 0 ? -2 * v : 2 * v - 1);
        }

        void alignZero() {
            while (count != 0) {
                bits(0, 1);
            }
        }

        void bytes(byte[] data) {
            if (count != 0) {
                throw new IllegalStateException("not byte aligned");
            }
            out.writeBytes(data);
        }

        void trailing() {
            bits(1, 1);
            alignZero();
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    // ---- ISO BMFF helpers ----

    static byte[] box(String type, byte[] payload) {
        return cat(be32(8 + payload.length), ascii(type), payload);
    }

    static byte[] fullBox(String type, int version, int flags, byte[] payload) {
        return box(type, cat(be32((version << 24) | flags), payload));
    }

    private static byte[] matrix() {
        return cat(be32(0x00010000), be32(0), be32(0), be32(0), be32(0x00010000), be32(0), be32(0), be32(0),
                be32(0x40000000));
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] be16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static byte[] cat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
