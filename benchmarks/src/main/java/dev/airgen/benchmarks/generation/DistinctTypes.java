package dev.airgen.benchmarks.generation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the types of a generated source tree once per distinct declaration, so that a class a tool writes
 * again for every model that uses it counts once, however it is named.
 *
 * <p>Two declarations are the same type when their code is the same after removing what does not change
 * the type: comments, {@code @JsonPropertyDescription} texts, the {@code __N} suffixes jsonschema2pojo
 * appends to repeated names, layout, and, for a nested declaration, the name of the class it sits in
 * ({@code Kling.OutputFormat} and {@code Veo.OutputFormat} with the same constants are one enum written
 * twice). A top-level declaration keeps its own name: two request classes with equal fields are still two
 * classes a user picks between. Builders are not counted.
 */
final class DistinctTypes {

    private static final Pattern DECLARATION = Pattern.compile(
            "\\b(class|enum|interface|record)\\s+(\\w+)");
    private static final Pattern DESCRIPTION = Pattern.compile("@JsonPropertyDescription\\(\"(?:[^\"\\\\]|\\\\.)*\"\\)");
    private static final Pattern REPEAT_SUFFIX = Pattern.compile("__\\d+\\b");

    private DistinctTypes() {
    }

    static int count(Path sources) throws IOException {
        Set<String> seen = new HashSet<>();
        for (Path file : Javac.javaFiles(sources)) {
            seen.addAll(keys(Files.readString(file)));
        }
        return seen.size();
    }

    /** One key per counted declaration of a source file. */
    static List<String> keys(String source) {
        String code = normalize(source);
        // Same positions as code, with the insides of literals blanked: declarations and braces are found
        // there, so "class X {" inside a string is never taken for code.
        String bare = blankLiterals(code);
        List<int[]> spans = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Matcher m = DECLARATION.matcher(bare);
        while (m.find()) {
            int open = bare.indexOf('{', m.end());
            if (open < 0) {
                break;
            }
            spans.add(new int[] {m.start(), open, closingBrace(bare, open)});
            names.add(m.group(2));
        }
        List<String> keys = new ArrayList<>();
        if (spans.isEmpty()) {
            return keys;
        }
        String outer = names.get(0);
        for (int i = 0; i < spans.size(); i++) {
            if (names.get(i).equals("Builder")) {
                continue;
            }
            int[] span = spans.get(i);
            String text = code.substring(span[0], span[2] + 1);
            // nested declarations are types of their own: keep only their place in the enclosing one
            for (int j = i + 1; j < spans.size(); j++) {
                int[] inner = spans.get(j);
                if (inner[0] > span[0] && inner[2] < span[2]) {
                    String body = code.substring(inner[1], inner[2] + 1);
                    text = text.replace(body, "{}");
                }
            }
            keys.add(i == 0 ? "top " + text : "nested " + text.replace(outer + ".", ""));
        }
        return keys;
    }

    /** Code without comments, descriptions, repeat suffixes and layout; string literals kept as they are. */
    static String normalize(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int n = source.length();
        for (int i = 0; i < n; i++) {
            char c = source.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(source, i);
                out.append(source, i, end + 1);
                i = end;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 1;
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        String code = DESCRIPTION.matcher(out).replaceAll("");
        code = REPEAT_SUFFIX.matcher(code).replaceAll("");
        return code.replaceAll("\\s+", " ").replace(" .", ".").trim();
    }

    private static int literalEnd(String s, int start) {
        char quote = s.charAt(start);
        for (int i = start + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return s.length() - 1;
    }

    private static String blankLiterals(String code) {
        StringBuilder out = new StringBuilder(code);
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int end = literalEnd(code, i);
                for (int j = i + 1; j < end; j++) {
                    out.setCharAt(j, ' ');
                }
                i = end;
            }
        }
        return out.toString();
    }

    private static int closingBrace(String code, int open) {
        int depth = 0;
        for (int i = open; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return code.length() - 1;
    }
}
