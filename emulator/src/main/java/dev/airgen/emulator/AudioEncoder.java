package dev.airgen.emulator;

import java.io.ByteArrayOutputStream;

/** Writes short audio files from PCM samples: WAV, and FLAC with uncompressed (VERBATIM) subframes. */
final class AudioEncoder {
    /** Sample rate of emulated audio, video soundtracks included. */
    static final int RATE = 16000;

    private AudioEncoder() {
    }

    static byte[] wav(short[] samples) {
        int n = samples.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + n * 2);
        out.writeBytes(Mp4Encoder.ascii("RIFF"));
        WebpEncoder.le32(out, 36 + n * 2);
        out.writeBytes(Mp4Encoder.ascii("WAVEfmt "));
        WebpEncoder.le32(out, 16);
        le16(out, 1); // PCM
        le16(out, 1); // mono
        WebpEncoder.le32(out, RATE);
        WebpEncoder.le32(out, RATE * 2);
        le16(out, 2);
        le16(out, 16);
        out.writeBytes(Mp4Encoder.ascii("data"));
        WebpEncoder.le32(out, n * 2);
        for (short v : samples) {
            le16(out, v);
        }
        return out.toByteArray();
    }

    /** FLAC: fixed 4096-sample blocks of VERBATIM subframes, each frame with its CRC-8 and CRC-16. */
    static byte[] flac(short[] samples) {
        int total = samples.length;
        int block = 4096;
        Mp4Encoder.MsbBitWriter w = new Mp4Encoder.MsbBitWriter();
        w.bytes(Mp4Encoder.ascii("fLaC"));
        w.bits(1, 1); // last metadata block
        w.bits(0, 7); // STREAMINFO
        w.bits(34, 24);
        w.bits(block, 16);
        w.bits(block, 16);
        w.bits(0, 24); // frame sizes unknown
        w.bits(0, 24);
        w.bits(RATE, 20);
        w.bits(0, 3); // one channel
        w.bits(15, 5); // 16 bits per sample
        w.bits(total, 36);
        w.bytes(new byte[16]); // no MD5
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(w.toByteArray());
        int frame = 0;
        for (int start = 0; start < total; start += block, frame++) {
            int n = Math.min(block, total - start);
            Mp4Encoder.MsbBitWriter f = new Mp4Encoder.MsbBitWriter();
            f.bits(0b11111111111110, 14);
            f.bits(0, 1);
            f.bits(0, 1); // fixed block size
            f.bits(n == block ? 0b1100 : 0b0111, 4);
            f.bits(0b0101, 4); // 16 kHz
            f.bits(0, 4); // mono
            f.bits(0b100, 3); // 16 bits
            f.bits(0, 1);
            utf8(f, frame);
            if (n != block) {
                f.bits(n - 1, 16);
            }
            byte[] header = f.toByteArray();
            f.bits(crc8(header), 8);
            f.bits(0, 1);
            f.bits(0b000001, 6); // VERBATIM
            f.bits(0, 1);
            for (int i = 0; i < n; i++) {
                f.bits(samples[start + i] & 0xFFFF, 16);
            }
            byte[] body = f.toByteArray();
            out.writeBytes(body);
            int crc = crc16(body);
            out.write(crc >>> 8);
            out.write(crc & 0xFF);
        }
        return out.toByteArray();
    }

    /** FLAC frame numbers use the UTF-8 byte pattern, extended to 36 bits. */
    private static void utf8(Mp4Encoder.MsbBitWriter w, long v) {
        if (v < 0x80) {
            w.bits(v, 8);
            return;
        }
        int extra = v < 0x800 ? 1 : v < 0x10000 ? 2 : v < 0x200000 ? 3 : v < 0x4000000 ? 4 : v < 0x80000000L ? 5 : 6;
        int lead = (0xFF00 >> (extra + 1)) & 0xFF;
        w.bits(lead | (v >>> (6 * extra)), 8);
        for (int i = extra - 1; i >= 0; i--) {
            w.bits(0x80 | ((v >>> (6 * i)) & 0x3F), 8);
        }
    }

    static int crc8(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= b & 0xFF;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
            }
        }
        return crc;
    }

    static int crc16(byte[] data) {
        int crc = 0;
        for (byte b : data) {
            crc ^= (b & 0xFF) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }
}
