package dev.airgen.generator.naming;

import dev.airgen.generator.lang.Names;
import dev.airgen.schema.snapshot.EntryKind;
import dev.airgen.schema.snapshot.SnapshotEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names the request class of every entry of a snapshot: the slug (models), id (architectures, modalities,
 * operations) or task type (utilities) in PascalCase, plus {@code Request}.
 *
 * <p>The names are computed over every entry of the snapshot, never only the included ones, so an include
 * list cannot change a name. When two entries would get the same name (slugs that differ only in
 * punctuation, such as {@code flux-1-dev} and {@code flux1-dev}), neither keeps it: both are named from
 * their identity instead (the AIR of a model, the kind and id of anything else), so the shared name never
 * silently moves to another model. This is the only case where one entry's name depends on another
 * entry, and it never fails a build.
 */
public final class RequestNames {

    private RequestNames() {
    }

    /** The simple request class name of every entry, keyed by {@link #id(SnapshotEntry)}. */
    public static Map<String, String> assign(List<SnapshotEntry> entries) {
        Map<String, SnapshotEntry> byId = new TreeMap<>();
        entries.forEach(e -> byId.putIfAbsent(id(e), e));
        Map<String, String> names = new LinkedHashMap<>();
        byId.forEach((id, e) -> names.put(id, primary(e)));
        for (int round = 0; round < 3; round++) {
            Map<String, List<String>> byName = new HashMap<>();
            names.forEach((id, name) -> byName.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(id));
            boolean clash = false;
            for (List<String> group : byName.values()) {
                if (group.size() > 1) {
                    clash = true;
                    for (String id : group) {
                        SnapshotEntry e = byId.get(id);
                        names.put(id, round == 0 ? byIdentity(e) : stem(e) + "_" + hash(id + "#" + round) + "Request");
                    }
                }
            }
            if (!clash) {
                break;
            }
        }
        return names;
    }

    /** What identifies an entry across snapshots: its kind and key (the AIR, for models). */
    public static String id(SnapshotEntry entry) {
        return entry.kind().name() + " " + entry.key();
    }

    private static String primary(SnapshotEntry e) {
        return stem(e) + "Request";
    }

    private static String stem(SnapshotEntry e) {
        return switch (e.kind()) {
            case MODEL -> Names.upperCamel(e.slug() != null ? e.slug() : e.key());
            case MODALITY -> e.key().equals("3d") ? "ThreeD" : Names.upperCamel(e.key());
            case ARCHITECTURE, OPERATION, UTILITY -> Names.upperCamel(e.key());
        };
    }

    /** {@code runware:400@1} → {@code …AirRunware400At1Request}; other kinds carry their kind word. */
    private static String byIdentity(SnapshotEntry e) {
        String identity = e.kind() == EntryKind.MODEL
                ? "Air" + Names.upperCamel(e.key().replace(":", " ").replace("@", " at "))
                : Names.upperCamel(e.kind().name()) + Names.upperCamel(e.key());
        return stem(e) + identity + "Request";
    }

    /** Six characters that stand for a text, for names that nothing readable tells apart. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                out.append(String.format("%02x", digest[i]));
            }
            return out.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
