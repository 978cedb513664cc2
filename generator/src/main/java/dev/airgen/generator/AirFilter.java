package dev.airgen.generator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Include/exclude by AIR glob: {@code *} matches any run of characters, {@code ?} exactly one. */
final class AirFilter {

    /** How many near matches a failure names. */
    private static final int SUGGESTIONS = 3;

    private final List<String> includeGlobs;
    private final List<String> excludeGlobs;
    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    AirFilter(List<String> includes, List<String> excludes) {
        this.includeGlobs = includes;
        this.excludeGlobs = excludes;
        this.includes = includes.stream().map(AirFilter::compile).toList();
        this.excludes = excludes.stream().map(AirFilter::compile).toList();
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }

    boolean test(String air) {
        boolean included = includes.isEmpty() || includes.stream().anyMatch(p -> p.matcher(air).matches());
        return included && excludes.stream().noneMatch(p -> p.matcher(air).matches());
    }

    /**
     * Refuses globs that cannot be what the user meant: one that matches none of {@code airs} (named with
     * the nearest providers or AIRs), and an include list that the excludes leave empty.
     */
    void check(Collection<String> airs) {
        unmatched("includes", "include", includeGlobs, includes, airs);
        unmatched("excludes", "exclude", excludeGlobs, excludes, airs);
        if (!includes.isEmpty() && airs.stream().noneMatch(this::test)) {
            throw new ConfigurationException("includes", "the includes " + includeGlobs + " less the excludes " + excludeGlobs
                    + " leave no model to generate");
        }
    }

    private static void unmatched(String parameter, String kind, List<String> globs, List<Pattern> patterns, Collection<String> airs) {
        for (int i = 0; i < patterns.size(); i++) {
            Pattern pattern = patterns.get(i);
            if (airs.stream().noneMatch(air -> pattern.matcher(air).matches())) {
                throw new ConfigurationException(parameter, kind + " '" + globs.get(i).trim() + "' matches no model of the snapshot ("
                        + airs.size() + " AIRs); " + nearest(globs.get(i).trim(), airs));
            }
        }
    }

    /**
     * The providers nearest to the glob's provider when no AIR has that provider, else the nearest AIRs.
     * Nearness is the edit distance with the wildcards left out.
     */
    static String nearest(String glob, Collection<String> airs) {
        int colon = glob.indexOf(':');
        String provider = colon < 0 ? null : glob.substring(0, colon);
        if (provider != null && !provider.contains("*") && !provider.contains("?")) {
            TreeSet<String> providers = new TreeSet<>();
            airs.forEach(air -> providers.add(air.indexOf(':') < 0 ? air : air.substring(0, air.indexOf(':'))));
            if (!providers.contains(provider)) {
                return "nearest providers: " + String.join(", ", closest(provider, providers));
            }
        }
        return "nearest AIRs: " + String.join(", ", closest(glob.replace("*", "").replace("?", ""), new TreeSet<>(airs)));
    }

    private static List<String> closest(String text, Collection<String> candidates) {
        List<String> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((String c) -> distance(text.toLowerCase(), c.toLowerCase())).thenComparing(c -> c));
        return sorted.subList(0, Math.min(SUGGESTIONS, sorted.size()));
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
