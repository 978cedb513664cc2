package dev.airgen.generator.emit;

import java.nio.charset.StandardCharsets;

/**
 * One output file, held in memory so that callers can compare before writing and leave unchanged files
 * untouched.
 *
 * @param kind          a Java source or a resource (schemas, catalog)
 * @param relativePath  path under the sources or resources root, with forward slashes
 * @param content       the exact bytes (UTF-8, LF line endings)
 */
public record GeneratedFile(Kind kind, String relativePath, byte[] content) {

    /** Where a file belongs in a build. */
    public enum Kind { SOURCE, RESOURCE }

    /**
     * @throws IllegalArgumentException when {@code relativePath} could name a file outside the output folder:
     *                                  it must be relative, with {@code /} separators and no empty, {@code .}
     *                                  or {@code ..} segment
     */
    public GeneratedFile {
        if (relativePath.isEmpty() || relativePath.startsWith("/") || relativePath.indexOf('\\') >= 0
                || relativePath.indexOf(':') >= 0 || relativePath.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a relative output path: " + relativePath);
        }
        for (String segment : relativePath.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("not a relative output path: " + relativePath);
            }
        }
    }

    public static GeneratedFile source(String relativePath, String text) {
        return new GeneratedFile(Kind.SOURCE, relativePath, text.getBytes(StandardCharsets.UTF_8));
    }

    public static GeneratedFile resource(String relativePath, byte[] content) {
        return new GeneratedFile(Kind.RESOURCE, relativePath, content);
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }
}
