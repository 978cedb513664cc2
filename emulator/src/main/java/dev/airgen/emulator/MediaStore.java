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

    void put(String name, Entry e) {
        entries.put(name, e);
    }

    Entry get(String name) {
        return entries.get(name);
    }

    boolean remove(String name) {
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
