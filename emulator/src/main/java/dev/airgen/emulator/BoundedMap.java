package dev.airgen.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A thread-safe map that forgets its oldest keys beyond a fixed count, so clients cannot grow it without end. */
final class BoundedMap<K, V> {
    private final int max;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<K> order = new ConcurrentLinkedQueue<>();

    BoundedMap(int max) {
        this.max = max;
    }

    void put(K key, V value) {
        if (entries.put(key, value) == null) {
            order.add(key);
            while (entries.size() > max) {
                K old = order.poll();
                if (old == null) {
                    break;
                }
                entries.remove(old);
            }
        }
    }

    V get(K key) {
        return entries.get(key);
    }

    boolean remove(K key) {
        return entries.remove(key) != null;
    }

    Iterable<K> keys() {
        return entries.keySet();
    }
}
