package dev.airgen.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * What emulated audio sounds like: a seed-dependent melody for music and sound effects (and the
 * soundtrack of a video), or for speech a voice-like run of syllables (a buzzing pitch shaped by two
 * moving formants, grouped into words with pauses). Both are a score of tones, rendered to PCM samples
 * here and to MP3 spectral lines by {@link Mp3Encoder}; the same seed always gives the same score.
 */
final class Sound {

    enum Style { MUSIC, SPEECH }

    /** One tone: its time span, fundamental, partial amplitudes (index 0 is the fundamental) and loudness. */
    record Tone(double start, double end, double frequency, double glide, double[] partials, double level) {
        /** Amplitude envelope at time {@code t}: quick attack, gentle release, zero outside the tone. */
        double envelope(double t) {
            if (t < start || t >= end) {
                return 0;
            }
            double attack = Math.min(0.02, (end - start) / 4);
            double rise = Math.min(1, (t - start) / attack);
            double fall = Math.min(1, (end - t) / Math.min(0.05, (end - start) / 3));
            return level * rise * fall;
        }

        /** Fundamental at time {@code t}, gliding by {@code glide} (a ratio) over the tone. */
        double frequencyAt(double t) {
            double u = Math.max(0, Math.min(1, (t - start) / (end - start)));
            return frequency * (1 + glide * u);
        }
    }

    /** Pentatonic steps (in semitones) the melodies are built from. */
    private static final int[] SCALE = {0, 2, 4, 7, 9, 12, 14, 16, 19, 21};

    private Sound() {
    }

    /** The score of {@code seconds} of audio in {@code style}. */
    static List<Tone> score(Style style, long seed, double seconds) {
        return style == Style.SPEECH ? speech(seed, seconds) : music(seed, seconds);
    }

    private static List<Tone> music(long seed, double seconds) {
        Rng rng = new Rng(seed);
        double base = 196 + rng.below(8) * 12.5;
        double beat = 0.2 + rng.below(4) * 0.05;
        List<Tone> tones = new ArrayList<>();
        int step = rng.below(SCALE.length);
        for (double t = 0; t < seconds; t += beat) {
            step = Math.max(0, Math.min(SCALE.length - 1, step + rng.below(5) - 2));
            double f = base * Math.pow(2, SCALE[step] / 12.0);
            double length = rng.below(4) == 0 ? 2 * beat : beat;
            tones.add(new Tone(t, Math.min(seconds, t + length * 0.95), f, 0, new double[] {1, 0.5, 0.25}, 0.5));
        }
        return tones;
    }

    private static List<Tone> speech(long seed, double seconds) {
        Rng rng = new Rng(seed);
        double pitch = 105 + rng.below(10) * 10;
        List<Tone> tones = new ArrayList<>();
        double t = 0.15;
        while (t < seconds - 0.1) {
            int syllables = 1 + rng.below(3);
            for (int s = 0; s < syllables && t < seconds - 0.1; s++) {
                double length = 0.11 + rng.below(6) * 0.025;
                double f1 = 300 + rng.below(10) * 50;
                double f2 = 900 + rng.below(14) * 100;
                double[] partials = new double[16];
                for (int k = 0; k < partials.length; k++) {
                    double h = pitch * (k + 1);
                    partials[k] = formant(h, f1, 120) + 0.6 * formant(h, f2, 180) + 0.15 / (k + 1);
                }
                double glide = (rng.below(5) - 2) * 0.04;
                tones.add(new Tone(t, Math.min(seconds, t + length), pitch * (1 + (rng.below(5) - 2) * 0.05), glide,
                        partials, 0.55));
                t += length + 0.03 + rng.below(3) * 0.01;
            }
            t += 0.12 + rng.below(5) * 0.03;
        }
        return tones;
    }

    private static double formant(double frequency, double centre, double width) {
        double d = (frequency - centre) / width;
        return Math.exp(-d * d);
    }

    /** The score as signed 16-bit mono samples at {@code rate} Hz. */
    static short[] pcm(Style style, long seed, double seconds, int rate) {
        int n = (int) Math.max(1, Math.round(seconds * rate));
        double[] mix = new double[n];
        for (Tone tone : score(style, seed, seconds)) {
            double norm = 0;
            for (double p : tone.partials()) {
                norm += p;
            }
            int from = (int) Math.floor(tone.start() * rate);
            int to = Math.min(n, (int) Math.ceil(tone.end() * rate));
            double phase = 0;
            for (int i = Math.max(0, from); i < to; i++) {
                double t = (double) i / rate;
                double env = tone.envelope(t);
                phase += 2 * Math.PI * tone.frequencyAt(t) / rate;
                double v = 0;
                for (int k = 0; k < tone.partials().length; k++) {
                    double f = tone.frequencyAt(t) * (k + 1);
                    if (tone.partials()[k] > 0 && f < rate / 2.0) {
                        v += tone.partials()[k] * Math.sin((k + 1) * phase);
                    }
                }
                mix[i] += env * v / norm;
            }
        }
        short[] out = new short[n];
        for (int i = 0; i < n; i++) {
            out[i] = (short) Math.max(-32767, Math.min(32767, Math.round(mix[i] * 20000)));
        }
        return out;
    }

    /** A small deterministic generator (splitmix64), so scores never depend on the JDK's Random. */
    private static final class Rng {
        private long state;

        Rng(long seed) {
            this.state = seed;
        }

        int below(int bound) {
            state += 0x9E3779B97F4A7C15L;
            return (int) Math.floorMod(Picture.mix(state), (long) bound);
        }
    }
}
