package dev.airgen.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;

/**
 * The 5×9 pixel font every emulated picture writes its label with. It is built in rather than taken
 * from the system so that the same request gives the same bytes on every machine (installed fonts and
 * their rasterisers differ), and so that labels render in headless JVMs without any font configured.
 */
final class BitmapFont {
    static final int GLYPH_WIDTH = 5;
    /** Seven rows down to the baseline and two for descenders. */
    static final int GLYPH_HEIGHT = 9;
    /** A glyph plus one blank column. */
    static final int CELL_WIDTH = 6;
    /** A glyph plus one blank row. */
    static final int CELL_HEIGHT = 10;

    private static final char FIRST = ' ';
    private static final char LAST = '~';
    /** One bit per glyph cell, row-major, for every printable ASCII character. */
    private static final long[] GLYPHS = load();

    private BitmapFont() {
    }

    /** Whether the glyph of {@code c} (printable ASCII) has ink at column {@code x}, row {@code y}. */
    static boolean ink(char c, int x, int y) {
        if (c < FIRST || c > LAST || x < 0 || y < 0 || x >= GLYPH_WIDTH || y >= GLYPH_HEIGHT) {
            return false;
        }
        return (GLYPHS[c - FIRST] >>> (y * GLYPH_WIDTH + x) & 1) != 0;
    }

    /** Text the font can draw: accents dropped, anything else outside printable ASCII shown as {@code ?}. */
    static String printable(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        StringBuilder out = new StringBuilder(plain.length());
        plain.codePoints().forEach(cp -> out.append(Character.isWhitespace(cp) ? ' '
                : cp >= FIRST && cp <= LAST ? (char) cp : '?'));
        return out.toString();
    }

    private static long[] load() {
        List<String> lines;
        try (InputStream in = BitmapFont.class.getResourceAsStream("font-5x9.txt")) {
            if (in == null) {
                throw new IllegalStateException("font-5x9.txt is missing from the emulator's resources");
            }
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("//") && !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long[] glyphs = new long[LAST - FIRST + 1];
        boolean[] seen = new boolean[glyphs.length];
        for (int i = 0; i < lines.size(); i += GLYPH_HEIGHT + 1) {
            String name = lines.get(i).substring(2);
            char c = name.equals("space") ? ' ' : name.charAt(0);
            long bits = 0;
            for (int y = 0; y < GLYPH_HEIGHT; y++) {
                String row = lines.get(i + 1 + y);
                for (int x = 0; x < GLYPH_WIDTH; x++) {
                    if (row.charAt(x) == '#') {
                        bits |= 1L << (y * GLYPH_WIDTH + x);
                    }
                }
            }
            glyphs[c - FIRST] = bits;
            seen[c - FIRST] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IllegalStateException("font-5x9.txt has no glyph for '" + (char) (FIRST + i) + "'");
            }
        }
        return glyphs;
    }
}
