package dev.airgen.generator.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Strings that try to escape from where generated source puts them (comments, string literals, names), and a
 * seeded source of random ones. Every payload that would run code sets the system property {@link #CANARY}.
 */
public final class HostileStrings {

    /** Set by any payload that manages to run; a test that loaded the generated classes asserts it is unset. */
    public static final String CANARY = "airgen.hostile.ran";

    private static final String RUN = " static { System.setProperty(\"" + CANARY + "\", \"yes\"); } ";

    /** A lone high surrogate, kept out of this file's literals: javac misreads backslashes after its escape. */
    private static final String HIGH = String.valueOf((char) 0xd800);

    /** Written with Java escapes; a backslash-u below is the six characters of the text, never a character. */
    public static final List<String> ADVERSARIAL = List.of(
            "\\u002a/" + RUN + "/*",
            "\\u002a/ static Object X=System.setProperty(Character.toString(88),Character.toString(89)); /*",
            "\\\\u002a/" + RUN + "/*",
            "\\\\\\u002a/" + RUN + "/*",
            "\\uuuu002a\\u002f" + RUN + "/*",
            "*/" + RUN + "/*",
            "**/ class HostileType {} /**",
            "\\u000a" + RUN + "//",
            "\\u000d" + RUN + "//",
            "\r" + RUN + "//",
            "\n" + RUN + "//",
            "\r\n@Deprecated int hostileMember;",
            "\\u0022;" + RUN + "static String hostileMember = \\u0022",
            "\";" + RUN + "static String hostileMember = \"",
            "\\\";" + RUN + "//",
            "\\u005c\\u0022",
            "\\",
            "\\\\",
            "\\u",
            "\\u12",
            "\\uZZZZ",
            "@param x <b>bold</b> &amp; {@link Object} {@code x} } {",
            "{@code unbalanced",
            "$L $S $T $N $$ %s %n %%",
            "\u0000\u0001\u001a\u007f\u0085",
            "\ufeffbom",
            "left\u202eright\u202c",
            "zero\u200bwidth\u200d",
            "line\u2028sep\u2029para",
            "non\u00a0breaking",
            "lone\ud800high",
            "lone\udc00low",
            "\udc00\ud800",
            HIGH + "\\",
            HIGH + "\\\\\\u002a/" + RUN + "/*",
            HIGH + "\\\"" + HIGH + "\\n",
            "emoji \ud83d\ude00 ok",
            "e\u0301 combining",
            "größe ñ 名前",
            "class",
            "null",
            "_",
            "",
            " ",
            "123",
            "-1.5",
            "a".repeat(300) + "*/");

    private final Random random;

    public HostileStrings(long seed) {
        this.random = new Random(seed);
    }

    /** Random strings mixing ASCII, escapes, controls, surrogates (paired or not) and other planes. */
    public List<String> randomStrings(int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(randomString());
        }
        return out;
    }

    public String randomString() {
        StringBuilder s = new StringBuilder();
        int length = random.nextInt(24);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0 -> s.append(ADVERSARIAL.get(random.nextInt(ADVERSARIAL.size())));
                case 1 -> s.append("\\u00").append(Integer.toHexString(random.nextInt(256)));
                case 2 -> s.append((char) random.nextInt(0x20));
                case 3 -> s.append((char) (0xd800 + random.nextInt(0x800)));
                case 4 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 5 -> s.append((char) (0x80 + random.nextInt(0xd800 - 0x80)));
                case 6 -> s.append("*/\\\"{}@<>&$".charAt(random.nextInt(11)));
                default -> s.append((char) (0x20 + random.nextInt(0x5f)));
            }
        }
        return s.toString();
    }

    /** Reverses the HTML escapes Javadoc text uses. */
    public static String unescapeHtml(String doc) {
        return doc.replace("&#92;", "\\").replace("&#64;", "@").replace("&#47;", "/").replace("&#123;", "{")
                .replace("&#125;", "}").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    /**
     * How a text reads in a doc comment once HTML escapes are undone: line breaks as {@code \n}, characters
     * that must not appear raw as their escape, and each line without the leading blanks and asterisks javac
     * strips from comment lines (applied to both sides of a comparison by {@link #commentLines}).
     */
    public static String asShownInJavadoc(String text) {
        StringBuilder out = new StringBuilder();
        String normalized = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normalized.length(); ) {
            int cp = normalized.codePointAt(i);
            boolean raw = cp == '\n' || cp == '\t' || (cp < 0x80 ? cp >= 0x20 && cp < 0x7f : switch (Character.getType(cp)) {
                case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                        Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
                default -> true;
            });
            if (raw) {
                out.appendCodePoint(cp);
            } else {
                for (int k = 0; k < Character.charCount(cp); k++) {
                    out.append(String.format("\\u%04x", (int) normalized.charAt(i + k)));
                }
            }
            i += Character.charCount(cp);
        }
        return commentLines(out.toString().strip());
    }

    /** Each line without leading blanks and asterisks and without trailing blanks, as javac leaves comment lines. */
    public static String commentLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            lines.add(line.replaceFirst("^[\\s*]+", "").stripTrailing());
        }
        return String.join("\n", lines);
    }
}
