package dev.airgen.emulator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * An independent decoder for the part of H.264 the emulator writes, following the syntax of the
 * specification (7.3): Baseline SPS/PPS with CAVLC, IDR pictures of I_PCM macroblocks, and P pictures
 * whose macroblocks are skipped (copied from the previous picture) or I_PCM. It reads every header field
 * and fails loudly on anything outside that subset. Output: the luma plane of each picture, cropped.
 */
final class H264TestDecoder {

    /** A decoded picture's cropped luma samples, row-major. */
    record Frame(int width, int height, int[] luma) {
        int at(int x, int y) {
            return luma[y * width + x];
        }
    }

    private int mbWidth;
    private int mbHeight;
    private int cropRight;
    private int cropBottom;
    private int frameNumBits;
    private boolean deblockingControl;
    private int[] previous;

    /** Decodes every length-prefixed sample of a track whose avcC holds {@code sps} and {@code pps}. */
    static List<Frame> decode(byte[] sps, byte[] pps, List<byte[]> samples) {
        H264TestDecoder d = new H264TestDecoder();
        d.sps(new Bits(unescape(sps)));
        d.pps(new Bits(unescape(pps)));
        List<Frame> frames = new ArrayList<>();
        for (byte[] sample : samples) {
            int at = 0;
            while (at < sample.length) {
                int len = ((sample[at] & 0xFF) << 24) | ((sample[at + 1] & 0xFF) << 16) | ((sample[at + 2] & 0xFF) << 8) | (sample[at + 3] & 0xFF);
                byte[] nal = java.util.Arrays.copyOfRange(sample, at + 4, at + 4 + len);
                frames.add(d.slice(nal));
                at += 4 + len;
            }
        }
        return frames;
    }

    private void sps(Bits b) {
        expect(b.u(8) & 0x1F, 7, "SPS NAL type");
        expect(b.u(8), 66, "profile_idc (Baseline)");
        b.u(8); // constraint flags
        b.u(8); // level
        b.ue(); // seq_parameter_set_id
        frameNumBits = (int) b.ue() + 4;
        expect(b.ue(), 2, "pic_order_cnt_type");
        b.ue(); // max_num_ref_frames
        b.u(1); // gaps_in_frame_num_value_allowed_flag
        mbWidth = (int) b.ue() + 1;
        mbHeight = (int) b.ue() + 1;
        expect(b.u(1), 1, "frame_mbs_only_flag");
        b.u(1); // direct_8x8_inference_flag
        if (b.u(1) == 1) {
            expect(b.ue(), 0, "frame_crop_left_offset");
            cropRight = (int) b.ue();
            expect(b.ue(), 0, "frame_crop_top_offset");
            cropBottom = (int) b.ue();
        }
        expect(b.u(1), 0, "vui_parameters_present_flag");
    }

    private void pps(Bits b) {
        expect(b.u(8) & 0x1F, 8, "PPS NAL type");
        b.ue(); // pic_parameter_set_id
        b.ue(); // seq_parameter_set_id
        expect(b.u(1), 0, "entropy_coding_mode_flag (CAVLC)");
        b.u(1); // bottom_field_pic_order_in_frame_present_flag
        expect(b.ue(), 0, "num_slice_groups_minus1");
        b.ue(); // num_ref_idx_l0_default_active_minus1
        b.ue(); // num_ref_idx_l1_default_active_minus1
        expect(b.u(1), 0, "weighted_pred_flag");
        b.u(2); // weighted_bipred_idc
        b.se(); // pic_init_qp_minus26
        b.se(); // pic_init_qs_minus26
        b.se(); // chroma_qp_index_offset
        deblockingControl = b.u(1) == 1;
        b.u(1); // constrained_intra_pred_flag
        expect(b.u(1), 0, "redundant_pic_cnt_present_flag");
    }

    private Frame slice(byte[] nal) {
        Bits b = new Bits(unescape(nal));
        int header = b.u(8);
        int refIdc = header >> 5;
        int type = header & 0x1F;
        boolean idr = type == 5;
        if (!idr && type != 1) {
            throw new AssertionError("unexpected NAL unit type " + type);
        }
        expect(b.ue(), 0, "first_mb_in_slice");
        int sliceType = (int) b.ue() % 5;
        boolean intra = sliceType == 2;
        if (!intra && sliceType != 0) {
            throw new AssertionError("unexpected slice_type " + sliceType);
        }
        b.ue(); // pic_parameter_set_id
        b.u(frameNumBits); // frame_num
        if (idr) {
            b.ue(); // idr_pic_id
        }
        if (!intra) {
            if (b.u(1) == 1) {
                b.ue(); // num_ref_idx_l0_active_minus1
            }
            expect(b.u(1), 0, "ref_pic_list_modification_flag_l0");
        }
        if (refIdc != 0) {
            if (idr) {
                b.u(1); // no_output_of_prior_pics_flag
                b.u(1); // long_term_reference_flag
            } else {
                expect(b.u(1), 0, "adaptive_ref_pic_marking_mode_flag");
            }
        }
        b.se(); // slice_qp_delta
        if (deblockingControl && b.ue() != 1) {
            b.se(); // slice_alpha_c0_offset_div2
            b.se(); // slice_beta_offset_div2
        }
        if (!idr && previous == null) {
            throw new AssertionError("a P picture before any IDR picture");
        }
        int stride = mbWidth * 16;
        int[] luma = idr ? new int[stride * mbHeight * 16] : previous.clone();
        int mbs = mbWidth * mbHeight;
        int addr = 0;
        boolean more = true;
        while (more) {
            if (!intra) {
                long skip = b.ue();
                addr += (int) skip; // skipped macroblocks keep the previous picture's samples
                if (skip > 0 && !b.moreData()) {
                    break;
                }
            }
            int mbType = (int) b.ue();
            expect(mbType, intra ? 25 : 30, "mb_type (I_PCM)");
            if (addr >= mbs) {
                throw new AssertionError("macroblock " + addr + " is outside the picture");
            }
            b.align();
            int mx = addr % mbWidth;
            int my = addr / mbWidth;
            for (int j = 0; j < 16; j++) {
                for (int i = 0; i < 16; i++) {
                    luma[(my * 16 + j) * stride + mx * 16 + i] = b.u(8);
                }
            }
            for (int i = 0; i < 128; i++) {
                b.u(8); // chroma samples
            }
            addr++;
            more = b.moreData();
        }
        previous = luma;
        int w = stride - 2 * cropRight;
        int h = mbHeight * 16 - 2 * cropBottom;
        int[] cropped = new int[w * h];
        for (int y = 0; y < h; y++) {
            System.arraycopy(luma, y * stride, cropped, y * w, w);
        }
        return new Frame(w, h, cropped);
    }

    private static void expect(long actual, long expected, String what) {
        if (actual != expected) {
            throw new AssertionError(what + " is " + actual + ", expected " + expected);
        }
    }

    /** Removes emulation-prevention bytes (00 00 03 → 00 00). */
    private static byte[] unescape(byte[] nal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(nal.length);
        int zeros = 0;
        for (byte value : nal) {
            int v = value & 0xFF;
            if (zeros >= 2 && v == 3) {
                zeros = 0;
                continue;
            }
            out.write(v);
            zeros = v == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** Most-significant-bit-first reading with Exp-Golomb codes and the RBSP trailing-bits rule. */
    private static final class Bits {
        private final byte[] data;
        private final long end;
        private long pos;

        Bits(byte[] data) {
            this.data = data;
            long last = data.length * 8L - 1;
            while (last >= 0 && bit(last) == 0) {
                last--;
            }
            if (last < 0) {
                throw new AssertionError("an RBSP without its stop bit");
            }
            this.end = last; // the stop bit
        }

        private int bit(long at) {
            return (data[(int) (at >> 3)] >> (7 - (at & 7))) & 1;
        }

        int u(int n) {
            int v = 0;
            for (int i = 0; i < n; i++) {
                if (pos >= end) {
                    throw new AssertionError("read past the end of the RBSP");
                }
                v = (v << 1) | bit(pos++);
            }
            return v;
        }

        long ue() {
            int zeros = 0;
            while (u(1) == 0) {
                zeros++;
            }
            return (1L << zeros) - 1 + (zeros == 0 ? 0 : u(zeros));
        }

        long se() {
            long k = ue();
            return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
        }

        void align() {
            while ((pos & 7) != 0) {
                expect(u(1), 0, "pcm_alignment_zero_bit");
            }
        }

        boolean moreData() {
            return pos < end;
        }
    }
}
