package dev.airgen.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

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

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();

    void put(String name, Entry e) {
        if (entries.put(name, e) == null) {
            order.add(name);
            while (entries.size() > MAX_ENTRIES) {
                String old = order.poll();
                if (old == null) {
                    break;
                }
                entries.remove(old);
            }
        }
    }

    Entry get(String name) {
        return entries.get(name);
    }

    boolean remove(String name) {
        return entries.remove(name) != null;
    }

    /** Finds an entry by its UUID whatever the file extension. */
    String nameOf(String uuid) {
        for (String n : entries.keySet()) {
            if (n.startsWith(uuid + ".")) {
                return n;
            }
        }
        return null;
    }
}
