package dev.airgen.emulator;

/**
 * Files the emulator serves under {@code /media/}: generated ones are kept as recipes and rendered
 * on request, uploaded ones as bytes. Oldest entries are dropped past a fixed count.
 */
final class MediaStore {
    private static final int MAX_ENTRIES = 20_000;

    /** One file: a recipe, stored bytes, or (for a remote URL that was never downloaded) where it lives. */
    record Entry(String contentType, MediaSpec spec, byte[] bytes, String redirect) {
        Entry(String contentType, MediaSpec spec, byte[] bytes) {
            this(contentType, spec, bytes, null);
        }

        byte[] content() {
            return bytes != null ? bytes : spec.render();
        }
    }

    private final BoundedMap<String, Entry> entries = new BoundedMap<>(MAX_ENTRIES);
    /** The API key that uploaded a file; generated files have none and are anyone's to read. */
    private final BoundedMap<String, String> owners = new BoundedMap<>(MAX_ENTRIES);

    void put(String name, Entry e) {
        entries.put(name, e);
    }

    /** An uploaded file: only {@code owner}'s tasks may name it by UUID or delete it. */
    void put(String name, Entry e, String owner) {
        entries.put(name, e);
        owners.put(name, owner);
    }

    /** Whether tasks sent with {@code apiKey} may name or delete the file. */
    boolean ownedBy(String name, String apiKey) {
        String owner = owners.get(name);
        return owner == null || owner.equals(apiKey);
    }

    Entry get(String name) {
        return entries.get(name);
    }

    boolean remove(String name) {
        owners.remove(name);
        return entries.remove(name);
    }

    /** Finds an entry by its UUID whatever the file extension. */
    String nameOf(String uuid) {
        for (String n : entries.keys()) {
            if (n.startsWith(uuid + ".")) {
                return n;
            }
        }
        return null;
    }
}
