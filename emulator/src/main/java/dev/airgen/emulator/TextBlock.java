package dev.airgen.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines of text laid out in {@link BitmapFont} cells on a rectangular panel: wrapped at spaces to the
 * width available, cut (ending in {@code ...}) when they do not fit the height.
 */
final class TextBlock {
    private static final String ELLIPSIS = "...";

    private final List<String> rows;
    private final int left;
    private final int top;
    private final int scale;
    private final int panelLeft;
    private final int panelTop;
    private final int panelRight;
    private final int panelBottom;

    private TextBlock(List<String> rows, int left, int top, int scale) {
        this.rows = List.copyOf(rows);
        this.left = left;
        this.top = top;
        this.scale = scale;
        int pad = 2 * scale;
        int longest = rows.stream().mapToInt(String::length).max().orElse(0);
        this.panelLeft = left - pad;
        this.panelTop = top - pad;
        this.panelRight = rows.isEmpty() ? panelLeft : left + longest * cellWidth() + pad;
        this.panelBottom = rows.isEmpty() ? panelTop : top + rows.size() * cellHeight() + pad - 2 * scale;
    }

    /**
     * Lays out {@code paragraphs} from ({@code left}, {@code top}) in cells of {@code scale}×{@code scale}
     * pixels within {@code maxWidth}×{@code maxHeight} pixels.
     */
    static TextBlock layout(List<String> paragraphs, int left, int top, int maxWidth, int maxHeight, int scale) {
        int columns = Math.max(1, maxWidth / (BitmapFont.CELL_WIDTH * scale));
        int maxRows = Math.max(0, maxHeight / (BitmapFont.CELL_HEIGHT * scale));
        List<String> rows = new ArrayList<>();
        boolean cut = false;
        for (String paragraph : paragraphs) {
            for (String row : wrap(BitmapFont.printable(paragraph), columns)) {
                if (rows.size() == maxRows) {
                    cut = true;
                    break;
                }
                rows.add(row);
            }
        }
        if (cut && !rows.isEmpty()) {
            String last = rows.get(rows.size() - 1);
            String shortened = last.substring(0, Math.min(last.length(), Math.max(0, columns - ELLIPSIS.length()))) + ELLIPSIS;
            rows.set(rows.size() - 1, shortened.substring(0, Math.min(columns, shortened.length())));
        }
        return new TextBlock(rows, left, top, scale);
    }

    private static List<String> wrap(String text, int columns) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > columns) {
            int cut = rest.lastIndexOf(' ', columns);
            if (cut <= 0) {
                cut = columns;
            }
            out.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        out.add(rest);
        return out;
    }

    List<String> rows() {
        return rows;
    }

    int scale() {
        return scale;
    }

    int cellWidth() {
        return BitmapFont.CELL_WIDTH * scale;
    }

    int cellHeight() {
        return BitmapFont.CELL_HEIGHT * scale;
    }

    /** Left pixel column of the cell in text column {@code column}. */
    int cellLeft(int column) {
        return left + column * cellWidth();
    }

    /** Top pixel row of the cells in text row {@code row}. */
    int cellTop(int row) {
        return top + row * cellHeight();
    }

    int panelBottom() {
        return panelBottom;
    }

    /** Whether a pixel lies on the panel behind the text. */
    boolean covers(int x, int y) {
        return x >= panelLeft && x < panelRight && y >= panelTop && y < panelBottom;
    }

    /** Whether a pixel is part of a glyph. */
    boolean ink(int x, int y) {
        int dx = x - left;
        int dy = y - top;
        if (dx < 0 || dy < 0) {
            return false;
        }
        int row = dy / cellHeight();
        int column = dx / cellWidth();
        if (row >= rows.size() || column >= rows.get(row).length()) {
            return false;
        }
        return BitmapFont.ink(rows.get(row).charAt(column), (dx % cellWidth()) / scale, (dy % cellHeight()) / scale);
    }
}
