package dev.airgen.generator;

import java.util.List;
import java.util.regex.Pattern;

/** Include/exclude by AIR glob: {@code *} matches any run of characters, {@code ?} exactly one. */
final class AirFilter {

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    AirFilter(List<String> includes, List<String> excludes) {
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
}
