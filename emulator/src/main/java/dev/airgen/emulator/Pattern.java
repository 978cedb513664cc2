package dev.airgen.emulator;

/**
 * The deterministic picture every generated image and video frame shows: two colours derived from
 * the seed, a diagonal band and a disc. Two colours only, so that the small WEBP encoder can store
 * it losslessly.
 */
final class Pattern {
    final int colorA;
    final int colorB;
    private final int width;
    private final int height;
    private final int stripe;

    Pattern(long seed, int width, int height) {
        long h = mix(seed);
        this.colorA = 0x202020 | (int) (h & 0x7F7F7F);
        this.colorB = 0x808080 | (int) ((h >>> 24) & 0x7F7F7F);
        this.width = width;
        this.height = height;
        this.stripe = Math.max(4, Math.min(width, height) / 8);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    /** True where the pixel takes the second colour. */
    boolean second(int x, int y) {
        long dx = 2L * x - width;
        long dy = 2L * y - height;
        long r = Math.min(width, height) / 3;
        boolean disc = dx * dx + dy * dy <= 4 * r * r;
        boolean band = ((x + y) / stripe) % 4 == 0;
        return disc ^ band;
    }

    int rgb(int x, int y) {
        return second(x, y) ? colorB : colorA;
    }
}
