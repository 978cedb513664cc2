package dev.airgen.generator.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import tools.jackson.databind.JsonNode;

/**
 * Turning schema words (property names, slugs, titles, enum values) into Java identifiers; every name built
 * here ends with {@link JavaText#identifier}, so it holds only characters javac keeps.
 */
public final class Names {

    /** Names that generated classes already use for their own members. */
    public static final Set<String> RESERVED_MEMBERS = Set.of("builder", "toBuilder", "build", "additionalProperties",
            "putAdditionalProperty", "resultType", "requestSchema", "describe", "jsonProperties", "equals", "hashCode", "toString",
            "getClass", "notify", "notifyAll", "wait", "clone", "finalize", "variant", "isUnknown", "asJson", "value",
            "isKnown", "of", "knownValues", "get", "holds");

    /**
     * Names a generated type must not take: {@code java.lang} names (unqualified uses would resolve to the
     * generated type), names the generated code itself refers to, and common JDK names that a user's own
     * imports are likely to hold ({@code java.time.Duration}, {@code java.util.List}, ...). A type whose
     * natural name is one of these gets a kind word appended ({@code DurationEnum}).
     */
    public static final Set<String> RESERVED_TYPES = Set.of(
            // java.lang
            "Object", "String", "Integer", "Long", "Double", "Boolean", "Number", "Character", "Byte", "Short",
            "Float", "Void", "Class", "Enum", "Record", "Override", "Deprecated", "SuppressWarnings",
            "FunctionalInterface", "SafeVarargs", "Iterable", "Comparable", "Runnable", "Thread", "Exception", "Error",
            "RuntimeException", "Throwable", "Math", "System", "Process", "Module", "Package", "StringBuilder",
            "CharSequence", "AutoCloseable", "Cloneable", "Runtime", "Compiler", "Readable", "Appendable",
            // what generated code refers to
            "Builder", "Unknown", "Known", "Optional", "List", "Map", "Objects", "Values", "JsonValue", "MediaInput",
            "OpenEnum", "UnionValue", "GeneratedObject", "TaskRequest", "TaskResult", "Json", "Type", "Set",
            "Collection", "Generated", "JsonProperty", "JsonCreator", "JsonTypeInfo", "JsonSubTypes", "JsonIgnore",
            "ModelInfo", "ModelCatalog", "UUID", "Variant", "Decoded", "Shape", "Arrays", "Collections",
            "ArrayList", "LinkedHashMap", "Nullable", "NullMarked",
            // common JDK names in users' imports
            "Duration", "Instant", "Period", "LocalDate", "LocalTime", "LocalDateTime", "ZonedDateTime",
            "OffsetDateTime", "ZoneId", "Clock", "Year", "Month", "DayOfWeek", "Date", "Calendar", "TimeZone",
            "TimeUnit", "Locale", "Currency", "Random", "Scanner", "Iterator", "Queue", "Deque", "Stack", "Vector",
            "LinkedList", "HashMap", "TreeMap", "HashSet", "TreeSet", "Properties", "Base64", "Comparator",
            "Function", "Supplier", "Consumer", "Predicate", "Stream", "Collectors", "BigDecimal", "BigInteger",
            "File", "Files", "Path", "Paths", "URI", "URL", "Pattern", "Matcher", "Future", "CompletableFuture",
            "HttpClient", "HttpRequest", "HttpResponse");

    private Names() {
    }

    /** Splits {@code kling-video_3.0 Pro}, {@code CFGScale}, {@code imageURL} into words. */
    public static List<String> words(String text) {
        return words(text, true);
    }

    private static List<String> words(String text, boolean splitDigits) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(words, current);
                continue;
            }
            if (current.length() > 0) {
                char prev = current.charAt(current.length() - 1);
                boolean lowerToUpper = Character.isLowerCase(prev) && Character.isUpperCase(c);
                boolean acronymEnd = Character.isUpperCase(prev) && Character.isUpperCase(c) && i + 1 < text.length()
                        && Character.isLowerCase(text.charAt(i + 1));
                boolean letterToDigit = splitDigits && Character.isLetter(prev) && Character.isDigit(c);
                boolean digitToLetter = splitDigits && Character.isDigit(prev) && Character.isLetter(c);
                if (lowerToUpper || acronymEnd || letterToDigit || digitToLetter) {
                    flush(words, current);
                }
            }
            current.append(c);
        }
        flush(words, current);
        return words;
    }

    private static void flush(List<String> words, StringBuilder current) {
        if (current.length() > 0) {
            words.add(current.toString());
            current.setLength(0);
        }
    }

    /** {@code bfl-flux-1-dev} → {@code BflFlux1Dev}; a leading digit gets a {@code V} prefix. */
    public static String upperCamel(String text) {
        StringBuilder out = new StringBuilder();
        for (String word : words(text)) {
            out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        if (out.length() == 0) {
            return "Value";
        }
        return JavaText.identifier(Character.isDigit(out.charAt(0)) ? "V" + out : out.toString());
    }

    /** {@code CFGScale} → {@code cfgScale}; a name that already is a lower-case identifier is kept as is. */
    public static String lowerCamel(String text) {
        if (JavaText.isIdentifier(text) && Character.isLowerCase(text.charAt(0)) && text.indexOf('$') < 0) {
            return text;
        }
        List<String> words = words(text);
        if (words.isEmpty()) {
            return "value";
        }
        StringBuilder out = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT));
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            out.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        String name = Character.isDigit(out.charAt(0)) ? "v" + out : out.toString();
        // A keyword stays as it is here: member() turns it into a name of its own ("classValue").
        return SourceVersion.isKeyword(name) ? name : JavaText.identifier(name);
    }

    /** An accessor or builder method name for a JSON property, escaped against keywords and our own members. */
    public static String member(String property) {
        String name = lowerCamel(property);
        return SourceVersion.isKeyword(name) || RESERVED_MEMBERS.contains(name) ? name + "Value" : name;
    }

    /** {@code DPM++ 2M Karras} → {@code DPM_PLUS_PLUS_2M_KARRAS}; {@code 720p} → {@code V720P}. */
    public static String constant(String text) {
        String spelled = text.replace("+", " plus ").replace("#", " sharp ").replace("&", " and ").replace("@", " at ");
        if (spelled.startsWith("-")) {
            spelled = "minus " + spelled.substring(1);
        }
        List<String> words = words(spelled, false);
        if (words.isEmpty()) {
            return "EMPTY";
        }
        String joined = String.join("_", words).toUpperCase(Locale.ROOT);
        return JavaText.identifier(Character.isDigit(joined.charAt(0)) ? "V" + joined : joined);
    }

    /** A lower-camel stem for a literal value, used to name constant alternatives ({@code ofTrue()}). */
    public static String constantStem(JsonNode value) {
        return lowerCamel(value.isString() ? value.asString() : value.toString());
    }

    /** A naive English singular for naming array items: {@code frameImages} → {@code frameImage}. */
    public static String singular(String word) {
        if (word.endsWith("ies") && word.length() > 4) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.endsWith("sses") || word.endsWith("shes") || word.endsWith("ches") || word.endsWith("xes")) {
            return word.substring(0, word.length() - 2);
        }
        if (word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us") && !word.endsWith("is") && word.length() > 3) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }
}
