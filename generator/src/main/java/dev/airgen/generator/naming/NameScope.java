package dev.airgen.generator.naming;

import dev.airgen.generator.lang.JavaText;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One namespace of Java names: the nested types of one class, the top-level classes of the package, or the
 * methods of one class. Names are handed out in the order they are asked for, so the result depends only
 * on the sequence of requests, which the callers derive from one schema. A request never fails: when every
 * candidate is taken, the last one gets a number.
 *
 * <p>Type namespaces compare names without case, since nested classes become files
 * ({@code Outer$Inner.class}) and two names that differ only in case would overwrite each other on
 * case-insensitive file systems. Member namespaces compare names exactly, as javac does.
 */
public final class NameScope {

    private final boolean ignoreCase;
    private final Set<String> taken = new HashSet<>();

    private NameScope(boolean ignoreCase, Collection<String> reserved) {
        this.ignoreCase = ignoreCase;
        reserved.forEach(r -> taken.add(key(r)));
    }

    /** A namespace of class names, where {@code reserved} can never be handed out. */
    public static NameScope forTypes(Collection<String> reserved) {
        return new NameScope(true, reserved);
    }

    /** A namespace of method names, where {@code reserved} can never be handed out. */
    public static NameScope forMembers(Collection<String> reserved) {
        return new NameScope(false, reserved);
    }

    /**
     * The first free candidate that is a legal identifier and not a keyword; when all are taken, the last
     * candidate followed by the smallest free number from 2 on.
     */
    public String allocate(List<String> candidates) {
        String last = null;
        for (String candidate : candidates) {
            if (!legal(candidate)) {
                continue;
            }
            last = candidate;
            if (taken.add(key(candidate))) {
                return candidate;
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("no legal identifier among " + candidates);
        }
        for (int n = 2; ; n++) {
            String numbered = last + n;
            if (taken.add(key(numbered))) {
                return numbered;
            }
        }
    }

    /** Takes a name if it is free. */
    public boolean claim(String name) {
        return legal(name) && taken.add(key(name));
    }

    /** Whether a name is already handed out or reserved. */
    public boolean isTaken(String name) {
        return taken.contains(key(name));
    }

    /** A name javac reads back exactly as written: no keyword, no character it would drop. */
    private static boolean legal(String name) {
        return JavaText.isIdentifier(name) && !name.equals("_");
    }

    private String key(String name) {
        return ignoreCase ? name.toLowerCase(Locale.ROOT) : name;
    }

    /** Convenience for fixed reserved sets. */
    static Set<String> union(Collection<String> a, Collection<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
