package dev.airgen.emulator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Reads the caption back from decoded pixels: it samples the middle of every font pixel of every text
 * cell and looks the 5×9 pattern up among the font's glyphs. Only the geometry (where the first cell is,
 * how large cells are) comes from the emulator; the text comes from the pixels alone.
 */
final class LabelReader {
    private static final Map<Long, Character> BY_PATTERN = new HashMap<>();

    static {
        for (char c = ' '; c <= '~'; c++) {
            char glyph = c;
            BY_PATTERN.put(pattern((x, y) -> BitmapFont.ink(glyph, x, y)), glyph);
        }
    }

    private LabelReader() {
    }

    private static long pattern(BiPredicate<Integer, Integer> ink) {
        long bits = 0;
        for (int y = 0; y < BitmapFont.GLYPH_HEIGHT; y++) {
            for (int x = 0; x < BitmapFont.GLYPH_WIDTH; x++) {
                if (ink.test(x, y)) {
                    bits |= 1L << (y * BitmapFont.GLYPH_WIDTH + x);
                }
            }
        }
        return bits;
    }

    /**
     * The caption of a {@code width}×{@code height} picture whose pixels are ink where {@code ink} says:
     * one string per text row, read until a row starts with a cell that is no glyph.
     */
    static List<String> read(int width, int height, BiPredicate<Integer, Integer> ink) {
        TextBlock geometry = new Picture(0, width, height, List.of("x")).caption();
        int scale = geometry.scale();
        List<String> rows = new ArrayList<>();
        for (int row = 0; geometry.cellTop(row) + geometry.cellHeight() <= height; row++) {
            StringBuilder text = new StringBuilder();
            for (int col = 0; geometry.cellLeft(col) + geometry.cellWidth() <= width; col++) {
                int left = geometry.cellLeft(col);
                int top = geometry.cellTop(row);
                Character c = BY_PATTERN.get(pattern((x, y) -> ink.test(left + x * scale + scale / 2, top + y * scale + scale / 2)));
                if (c == null) {
                    break;
                }
                text.append(c);
            }
            String line = text.toString().stripTrailing();
            if (line.isEmpty()) {
                break;
            }
            rows.add(line);
        }
        return rows;
    }
}
