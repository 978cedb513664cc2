package dev.airgen.generator.lang;

import javax.lang.model.SourceVersion;
import tools.jackson.databind.JsonNode;

/**
 * The only ways schema text enters generated Java source, one per place it can land: Javadoc, a line
 * comment, a string literal, a literal of any JSON scalar, an identifier.
 *
 * <p>javac replaces every {@code \u005cuXXXX} sequence of a source file before it reads tokens, in comments
 * as well as in code, so a comment or literal is only safe when the text written contains no backslash that
 * javac could read as the start of one. Each function here guarantees that, and that the text can neither
 * end its comment or literal nor start a new line outside it:
 * <ul>
 *   <li>Javadoc text holds no backslash at all (it is written as the HTML entity {@code &#92;}), no
 *       {@code *}{@code /}, no {@code @} or brace that could start or end a Javadoc tag, and no line
 *       terminator other than the {@code \n} JavaPoet prefixes with {@code " * "}; line comments hold no
 *       line terminator and only doubled backslashes;</li>
 *   <li>string literals escape quotes, backslashes and every invisible or unpaired character, so their value
 *       is exactly the input (a lone surrogate included, which UTF-8 could not carry);</li>
 *   <li>identifiers contain only characters javac keeps in a name, never one it would silently drop.</li>
 * </ul>
 * Characters that could make source look different from what it is (bidirectional controls, other format
 * characters, line and paragraph separators) never appear raw in any of them.
 */
public final class JavaText {

    private JavaText() {
    }

    // --- comments --------------------------------------------------------------------------------

    /**
     * Text for a Javadoc comment, shown as written: HTML-escaped, no backslash, no tag, no comment end.
     * Line breaks stay ({@code \r\n} and {@code \r} become {@code \n}); surrounding whitespace is removed.
     */
    public static String javadoc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int next = i + Character.charCount(cp);
            switch (cp) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '{' -> out.append("&#123;");
                case '}' -> out.append("&#125;");
                case '\\' -> out.append("&#92;");
                case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                case '\n', '\t' -> out.appendCodePoint(cp);
                case '\r' -> {
                    out.append('\n');
                    if (next < text.length() && text.charAt(next) == '\n') {
                        next++;
                    }
                }
                default -> {
                    if (visible(cp)) {
                        out.appendCodePoint(cp);
                    } else {
                        // Shown as the escape a reader would recognise, without writing a backslash.
                        out.append("&#92;u").append(hex(text.charAt(i)));
                        if (Character.charCount(cp) == 2) {
                            out.append("&#92;u").append(hex(text.charAt(i + 1)));
                        }
                    }
                }
            }
            i = next;
        }
        return out.toString().strip();
    }

    /**
     * Text for a {@code //} comment, on one line: line breaks and tabs become spaces, each backslash is
     * doubled (so none can start a unicode escape: a backslash with an odd number of backslashes before it
     * never does) and every other invisible character is written as such a doubled escape.
     */
    public static String lineComment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (cp == '\n' || cp == '\r' || cp == '\t') {
                out.append(' ');
            } else if (visible(cp)) {
                out.appendCodePoint(cp);
            } else {
                for (int k = 0; k < Character.charCount(cp); k++) {
                    out.append("\\\\u").append(hex(text.charAt(i + k)));
                }
            }
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    // --- literals --------------------------------------------------------------------------------

    /**
     * A Java string literal, quotes included, whose value is exactly {@code value}; ASCII except for visible
     * characters. Where a high surrogate written as an escape is followed by a backslash escape, the literal is
     * split into two joined by {@code +} (still one constant): javac 17 miscounts the backslashes after such an
     * escape and would otherwise read a wrong value or fail.
     */
    public static String stringLiteral(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        boolean afterHighSurrogateEscape = false;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            String simple = switch (cp) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> null;
            };
            if (simple != null) {
                out.append(afterHighSurrogateEscape ? "\" + \"" : "").append(simple);
                afterHighSurrogateEscape = false;
            } else if (visible(cp)) {
                out.appendCodePoint(cp);
                afterHighSurrogateEscape = false;
            } else {
                // Quotes, backslashes and line terminators were handled above, so an escape never
                // stands for one of them (javac would act on it before reading the literal).
                for (int k = 0; k < Character.charCount(cp); k++) {
                    char unit = value.charAt(i + k);
                    out.append("\\u").append(hex(unit));
                    afterHighSurrogateEscape = Character.isHighSurrogate(unit);
                }
            }
            i += Character.charCount(cp);
        }
        return out.append('"').toString();
    }

    /**
     * A Java literal for a JSON scalar of the given kind: a string literal, {@code true}/{@code false}, an
     * {@code int}, a {@code long} ({@code L} suffix) or a {@code double}. With a null kind the value's own
     * kind is used.
     *
     * @throws IllegalArgumentException for values no Java literal of that kind holds exactly (integers beyond
     *                                  the kind's range, numbers beyond {@code double}); the schema checks
     *                                  refuse those with their location before anything is emitted
     */
    public static String literal(JsonNode value, ScalarKind kind) {
        ScalarKind k = kind != null ? kind : ScalarKind.of(value);
        if (k == null) {
            throw new IllegalArgumentException("not a scalar: " + value.getNodeType());
        }
        switch (k) {
            case STRING:
                if (value.isString()) {
                    return stringLiteral(value.asString());
                }
                break;
            case BOOLEAN:
                if (value.isBoolean()) {
                    return Boolean.toString(value.asBoolean());
                }
                break;
            case INTEGER:
                if (value.isIntegralNumber() && value.canConvertToInt()) {
                    return Integer.toString(value.intValue());
                }
                break;
            case LONG:
                if (value.isIntegralNumber() && value.canConvertToLong()) {
                    return value.longValue() + "L";
                }
                break;
            case NUMBER:
                if (value.isNumber() && Double.isFinite(value.doubleValue())) {
                    return Double.toString(value.doubleValue());
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("no Java " + k.name().toLowerCase(java.util.Locale.ROOT) + " literal holds " + value);
    }

    // --- identifiers -----------------------------------------------------------------------------

    /**
     * Whether javac reads {@code name} as exactly this identifier: a Java name that is no keyword or literal,
     * made only of characters javac keeps (it drops "identifier-ignorable" ones such as zero-width or
     * bidirectional controls, so two different strings could otherwise name the same member).
     */
    public static boolean isIdentifier(String name) {
        if (name == null || name.isEmpty() || SourceVersion.isKeyword(name)) {
            return false;
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            boolean ok = i == 0 ? Character.isJavaIdentifierStart(cp) : Character.isJavaIdentifierPart(cp);
            if (!ok || Character.isIdentifierIgnorable(cp) || !visible(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /**
     * {@code name} made into an identifier: unchanged when {@link #isIdentifier(String)} holds; otherwise
     * every character javac would refuse or drop becomes {@code _}, a name that cannot start one gets a
     * {@code _} in front, and a keyword gets one behind.
     */
    public static String identifier(String name) {
        if (isIdentifier(name)) {
            return name;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < (name == null ? 0 : name.length()); ) {
            int cp = name.codePointAt(i);
            boolean ok = Character.isJavaIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp) && visible(cp);
            if (ok && out.length() == 0 && !Character.isJavaIdentifierStart(cp)) {
                out.append('_');
            }
            if (ok) {
                out.appendCodePoint(cp);
            } else {
                out.append('_');
            }
            i += Character.charCount(cp);
        }
        String result = out.length() == 0 ? "_" : out.toString();
        return SourceVersion.isKeyword(result) ? result + "_" : result;
    }

    // --- helpers ---------------------------------------------------------------------------------

    /**
     * Whether a code point may be written into source as itself: printable ASCII, or a non-ASCII character
     * that is assigned, not a control, not a format character (bidirectional overrides, zero-width joiners),
     * not a separator other than the ordinary space, not private-use, and not half of a surrogate pair.
     */
    static boolean visible(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp < 0x7f;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    private static String hex(char c) {
        return String.format("%04x", (int) c);
    }
}
