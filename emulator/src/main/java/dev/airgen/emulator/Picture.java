package dev.airgen.emulator;

import java.util.List;
import java.util.Locale;

/**
 * The deterministic picture every generated image and video frame shows: a disc and diagonal bands in
 * two colours derived from the seed, under a panel that says what the picture was made for (model,
 * prompt, size). Video frames add a timeline at the bottom, a clock and a progress bar, so that frames
 * differ over time. Two colours only: the small WEBP encoder stores it losslessly, and the dark panel
 * colour always contrasts with the light ink colour.
 */
final class Picture {
    final int colorA;
    final int colorB;
    private final int width;
    private final int height;
    private final int stripe;
    private final TextBlock caption;
    private final Timeline timeline;

    /** The bottom band of a video frame: a clock line and a progress bar. */
    private record Timeline(int top, TextBlock clock, int barTop, int barBottom, int barLeft, int barRight) {
    }

    Picture(long seed, int width, int height, List<String> caption) {
        this(seed, width, height, caption, false);
    }

    private Picture(long seed, int width, int height, List<String> caption, boolean video) {
        long h = mix(seed);
        this.colorA = 0x202020 | (int) (h & 0x7F7F7F);
        this.colorB = 0x808080 | (int) ((h >>> 24) & 0x7F7F7F);
        this.width = width;
        this.height = height;
        this.stripe = Math.max(4, Math.min(width, height) / 8);
        int scale = scaleFor(width, height);
        int margin = margin(scale);
        int bottom = video ? timelineTop(width, height) : height;
        int maxRows = 14;
        this.caption = TextBlock.layout(caption, margin, margin, width - 2 * margin,
                Math.min(bottom - 2 * margin, maxRows * BitmapFont.CELL_HEIGHT * scale), scale);
        this.timeline = null;
    }

    private Picture(Picture still, Timeline timeline) {
        this.colorA = still.colorA;
        this.colorB = still.colorB;
        this.width = still.width;
        this.height = still.height;
        this.stripe = still.stripe;
        this.caption = still.caption;
        this.timeline = timeline;
    }

    /** A video's first picture: the caption leaves room for the timeline. */
    static Picture video(long seed, int width, int height, List<String> caption) {
        return new Picture(seed, width, height, caption, true);
    }

    /** Label text scale: one font pixel per 200 picture pixels of the shorter side, from 1 to 8. */
    static int scaleFor(int width, int height) {
        return Math.max(1, Math.min(8, Math.min(width, height) / 200));
    }

    private static int margin(int scale) {
        return 4 * scale;
    }

    private static int clockScale(int width, int height) {
        return Math.max(1, scaleFor(width, height) / 2);
    }

    /** First pixel row of a video's timeline band: everything above it stays the same in every frame. */
    static int timelineTop(int width, int height) {
        int s = clockScale(width, height);
        int band = 2 * s + BitmapFont.CELL_HEIGHT * s + 4 * s + 2 * s;
        return Math.max(0, height - band);
    }

    /** This picture as the video frame shown at {@code seconds} of {@code total}. */
    Picture atTime(double seconds, double total) {
        int s = clockScale(width, height);
        int top = timelineTop(width, height);
        int pad = 2 * s;
        String clock = String.format(Locale.ROOT, "t=%.2fs / %.2fs", seconds, total);
        TextBlock text = TextBlock.layout(List.of(clock), pad, top + pad, width - 2 * pad, BitmapFont.CELL_HEIGHT * s, s);
        int barTop = top + pad + BitmapFont.CELL_HEIGHT * s;
        int barBottom = Math.min(height, barTop + 3 * s);
        double done = total <= 0 ? 1 : Math.min(1, Math.max(0, seconds / total));
        int barRight = pad + (int) Math.round(done * (width - 2 * pad));
        return new Picture(this, new Timeline(top, text, barTop, barBottom, pad, barRight));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    TextBlock caption() {
        return caption;
    }

    /** True where the pixel takes the second (light) colour. */
    boolean second(int x, int y) {
        if (timeline != null && y >= timeline.top()) {
            if (timeline.clock().covers(x, y)) {
                return timeline.clock().ink(x, y);
            }
            return y >= timeline.barTop() && y < timeline.barBottom() && x >= timeline.barLeft() && x < timeline.barRight();
        }
        if (caption.covers(x, y)) {
            return caption.ink(x, y);
        }
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
