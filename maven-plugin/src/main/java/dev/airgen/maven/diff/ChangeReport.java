package dev.airgen.maven.diff;

import dev.airgen.schema.diff.SchemaDiff;
import dev.airgen.schema.diff.Change;
import dev.airgen.schema.diff.ModelSchemas;
import dev.airgen.generator.api.ApiDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/**
 * What changed between two snapshots: models added and removed, and per changed model its breaking
 * changes and its additions. A removed model counts as breaking, since its generated class disappears.
 *
 * @param from     label of the previous snapshot (its version, or a description)
 * @param to       label of the new snapshot
 * @param added    AIRs (or {@code architecture x}, ...) that are new
 * @param removed  those that are gone
 * @param changed  models whose request schema differs, with the differences, sorted by name
 * @param api      changes to the generated Java API, breaking ones first (empty when not computed)
 */
public record ChangeReport(String from, String to, List<String> added, List<String> removed, List<ModelChanges> changed,
                           List<ApiDiff.Change> api) {

    /** The differences of one model; {@code changes} is never empty. */
    public record ModelChanges(String model, List<Change> changes) {

        public ModelChanges {
            changes = List.copyOf(changes);
        }

        public long breakingCount() {
            return changes.stream().filter(Change::breaking).count();
        }
    }

    public ChangeReport {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        api = List.copyOf(api);
    }

    /** Compares two sets of request schemas, as given by {@link ModelSchemas}. */
    public static ChangeReport compare(String from, Map<String, JsonNode> before, String to, Map<String, JsonNode> after) {
        Set<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<ModelChanges> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode old = before.get(name);
            JsonNode now = after.get(name);
            if (old == null) {
                added.add(name);
            } else if (now == null) {
                removed.add(name);
            } else if (!old.equals(now)) {
                List<Change> changes = SchemaDiff.compare(old, now);
                if (!changes.isEmpty()) {
                    changed.add(new ModelChanges(name, changes));
                }
            }
        }
        return new ChangeReport(from, to, added, removed, changed, List.of());
    }

    /** This report with the changes to the generated Java API. */
    public ChangeReport withApi(List<ApiDiff.Change> apiChanges) {
        return new ChangeReport(from, to, added, removed, changed, apiChanges);
    }

    /** Changes to the generated Java API that may stop existing code from compiling. */
    public long apiBreakingCount() {
        return api.stream().filter(ApiDiff.Change::breaking).count();
    }

    /** Whether anything in the report breaks requests or code written against the old snapshot. */
    public boolean hasBreaking() {
        return breakingCount() + apiBreakingCount() > 0;
    }

    /** Breaking changes over all models, removed models included. */
    public long breakingCount() {
        return removed.size() + changed.stream().mapToLong(ModelChanges::breakingCount).sum();
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && api.isEmpty();
    }

    /** The report as log lines; the first line is a one-line summary. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        print(lines::add, lines::add);
        return lines;
    }

    /**
     * Prints {@link #lines()}, each to the level it deserves: what existing code may trip over goes to
     * {@code warning} (the summary when anything breaks, removed models, each changed model's breaking
     * changes under its name, and breaking Java API changes), everything else to {@code info}.
     */
    public void print(Consumer<String> info, Consumer<String> warning) {
        (hasBreaking() ? warning : info).accept("Snapshot changes " + from + " -> " + to + ": " + count(added.size(), "model")
                + " added, " + removed.size() + " removed, " + changed.size() + " changed; " + count(breakingCount(), "breaking change")
                + (api.isEmpty() ? "" : "; Java API: " + apiBreakingCount() + " breaking, " + (api.size() - apiBreakingCount()) + " additions"));
        if (!added.isEmpty()) {
            info.accept("Added models:");
            added.forEach(m -> info.accept("  + " + m));
        }
        if (!removed.isEmpty()) {
            warning.accept("Removed models (breaking):");
            removed.forEach(m -> warning.accept("  - " + m));
        }
        if (!changed.isEmpty()) {
            info.accept("Changed models:");
            for (ModelChanges model : changed) {
                (model.breakingCount() > 0 ? warning : info).accept("  ~ " + model.model());
                // Breaking changes first, so they are read before the additions.
                model.changes().stream().filter(Change::breaking).forEach(c -> warning.accept("      breaking: " + c));
                model.changes().stream().filter(c -> !c.breaking()).forEach(c -> info.accept("      addition: " + c));
            }
        }
        printApi(info, warning);
    }

    /** The Java API section of {@link #print}: breaking lines to {@code warning}, additions to {@code info}. */
    public void printApi(Consumer<String> info, Consumer<String> warning) {
        if (!api.isEmpty()) {
            (apiBreakingCount() > 0 ? warning : info).accept("Java API changes (" + apiBreakingCount() + " breaking, "
                    + (api.size() - apiBreakingCount()) + " additions):");
            api.forEach(c -> (c.breaking() ? warning : info).accept("  " + (c.breaking() ? "breaking: " : "addition: ") + c.describe()));
        }
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
