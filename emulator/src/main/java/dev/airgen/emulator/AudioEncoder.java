package dev.airgen.emulator;

import java.io.ByteArrayOutputStream;

/** Writes short audio files: WAV with a seed-dependent tone, MP3 as valid silent MPEG-1 Layer III frames. */
final class AudioEncoder {
    static final int WAV_RATE = 16000;
    /** MPEG-1 Layer III, 64 kbit/s, 48 kHz, mono: 192-byte frames of 1152 samples, no padding needed. */
    static final int MP3_FRAME_BYTES = 192;
    static final int MP3_FRAME_SAMPLES = 1152;
    static final int MP3_RATE = 48000;

    private AudioEncoder() {
    }

    static byte[] wav(long seed, double seconds) {
        int samples = (int) Math.max(1, Math.round(seconds * WAV_RATE));
        double freq = 220 + Math.floorMod(Pattern.mix(seed), 440);
        ByteArrayOutputStream out = new ByteArrayOutputStream(44 + samples * 2);
        out.writeBytes(Mp4Encoder.ascii("RIFF"));
        WebpEncoder.le32(out, 36 + samples * 2);
        out.writeBytes(Mp4Encoder.ascii("WAVEfmt "));
        WebpEncoder.le32(out, 16);
        le16(out, 1); // PCM
        le16(out, 1); // mono
        WebpEncoder.le32(out, WAV_RATE);
        WebpEncoder.le32(out, WAV_RATE * 2);
        le16(out, 2);
        le16(out, 16);
        out.writeBytes(Mp4Encoder.ascii("data"));
        WebpEncoder.le32(out, samples * 2);
        for (int i = 0; i < samples; i++) {
            int v = (int) Math.round(Math.sin(2 * Math.PI * freq * i / WAV_RATE) * 9000);
            le16(out, v);
        }
        return out.toByteArray();
    }

    static byte[] mp3(double seconds) {
        int frames = (int) Math.max(1, Math.ceil(seconds * MP3_RATE / MP3_FRAME_SAMPLES));
        byte[] out = new byte[frames * MP3_FRAME_BYTES];
        for (int f = 0; f < frames; f++) {
            int at = f * MP3_FRAME_BYTES;
            out[at] = (byte) 0xFF;
            out[at + 1] = (byte) 0xFB; // MPEG-1, Layer III, no CRC
            out[at + 2] = (byte) 0x54; // 64 kbit/s, 48 kHz, no padding
            out[at + 3] = (byte) 0xC0; // mono
            // Side information and main data stay zero: no spectral data, i.e. silence.
        }
        return out;
    }

    private static void le16(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
    }
}
