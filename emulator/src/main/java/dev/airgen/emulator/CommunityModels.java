package dev.airgen.emulator;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Models Runware runs although no snapshot lists them: checkpoints it imports from Civitai
 * ({@code civitai:…}), models trained or uploaded into its own namespace ({@code runware:…@…}), and
 * models this emulator has seen a {@code modelUpload} or {@code training} task create.
 *
 * <p>Runware knows each such model's architecture from its model database. The emulator knows it from
 * what it has been told: the architecture a {@code modelUpload} declared or the training model's
 * architecture, else the AIR itself when it follows the trained-model form
 * {@code runware:<architecture>@<name>}. A model without a known architecture is checked against the
 * schema of its task's modality. AIRs of other namespaces (providers whose every model is curated) are
 * known only from the snapshot or a registration.
 */
final class CommunityModels {

    /** Namespaces whose models cannot all be listed in advance. */
    static final Set<String> OPEN_NAMESPACES = Set.of("civitai", "runware");

    /**
     * Architecture names that upload forms and Civitai's AIR ecosystems use for the bundle's
     * architectures, keyed without case or punctuation.
     */
    private static final Map<String, String> ALIASES = Map.of(
            "flux1d", "flux-1-dev", "flux1s", "flux-1-schnell", "flux1", "flux-1-dev",
            "sd1x", "sd-1-5", "sd15", "sd-1-5", "sd1", "sd-1-5");

    private static final java.util.regex.Pattern AIR = java.util.regex.Pattern.compile("[^\\s:@]+:[^\\s:@]+@[^\\s@]+");
    private static final int MAX_AIR_LENGTH = 256;
    private static final int MAX_REGISTERED = 10_000;

    /** How an AIR the snapshot does not list is run: with its architecture's schema, or (null) its task's. */
    record Match(String air, String architecture, String reason) {
    }

    private final BoundedMap<String, String> registered = new BoundedMap<>(MAX_REGISTERED);

    /** Remembers a model created here; {@code architecture} may be any spelling the aliases know, or null. */
    void register(String air, String architecture) {
        if (air == null || !isAir(air)) {
            return;
        }
        registered.put(air, architecture == null ? "" : architecture);
    }

    /** Whether a string has the {@code source:id@version} form of an AIR. */
    static boolean isAir(String s) {
        return s.length() <= MAX_AIR_LENGTH && AIR.matcher(s).matches();
    }

    /**
     * What the emulator knows of an AIR that is not in {@code snapshot}; null when Runware would not
     * know it either (not an AIR, or a curated-only namespace and never registered here).
     */
    Match find(SnapshotIndex snapshot, String air) {
        if (air == null || !isAir(air)) {
            return null;
        }
        String declared = registered.get(air);
        if (declared != null) {
            return new Match(air, architecture(snapshot, declared), "a model created on this emulator");
        }
        int colon = air.indexOf(':');
        String namespace = air.substring(0, colon);
        if (!OPEN_NAMESPACES.contains(namespace)) {
            return null;
        }
        if (namespace.equals("runware")) {
            String arch = snapshot.architectureKey(air.substring(colon + 1, air.indexOf('@', colon)));
            if (arch != null) {
                return new Match(air, arch, "a model trained on " + arch);
            }
        }
        return new Match(air, null, namespace.equals("civitai") ? "a Civitai model" : "a model of the runware namespace");
    }

    /**
     * What the schemas service answers for an AIR {@code snapshot} does not list: its architecture's
     * schema, else the image modality's (Civitai and Runware's own namespace hold image checkpoints);
     * null when Runware would not know the AIR.
     */
    SnapshotIndex.Target schemaFor(SnapshotIndex snapshot, String air) {
        Match match = find(snapshot, air);
        if (match == null) {
            return null;
        }
        SnapshotIndex.Target arch = snapshot.targetForArchitecture(match.architecture(), air, null);
        if (arch != null) {
            return arch;
        }
        for (SnapshotIndex.Target t : snapshot.targetsForTaskType("imageInference")) {
            if (t.key().startsWith("modality:")) {
                return new SnapshotIndex.Target(t.key(), t.requestSchema(), null, null, air, t.taskType());
            }
        }
        return null;
    }

    /** The bundle's key for an architecture name, trying the aliases; null when the bundle has none. */
    static String architecture(SnapshotIndex snapshot, String name) {
        String key = snapshot.architectureKey(name);
        if (key == null && name != null) {
            key = snapshot.architectureKey(ALIASES.get(name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")));
        }
        return key;
    }
}
