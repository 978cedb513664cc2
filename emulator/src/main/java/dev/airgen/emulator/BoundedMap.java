package dev.airgen.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/** A thread-safe map that forgets its oldest keys beyond a fixed count, so clients cannot grow it without end. */
final class BoundedMap<K, V> {
    private final int max;
    private final Map<K, V> entries = new ConcurrentHashMap<>();
    /** Keys in the order they came; its size is a counter, so forgetting costs nothing per put. */
    private final LinkedBlockingQueue<K> order = new LinkedBlockingQueue<>();

    BoundedMap(int max) {
        this.max = max;
    }

    void put(K key, V value) {
        if (entries.put(key, value) == null) {
            added(key);
        }
    }

    /** Puts the value unless the key is there already; returns the value that was there, else null. */
    V putIfAbsent(K key, V value) {
        V earlier = entries.putIfAbsent(key, value);
        if (earlier == null) {
            added(key);
        }
        return earlier;
    }

    /** The value for the key, made by {@code make} and put (as a new key) when there is none. */
    V computeIfAbsent(K key, java.util.function.Function<? super K, ? extends V> make) {
        V value = entries.get(key);
        if (value != null) {
            return value;
        }
        V fresh = make.apply(key);
        V earlier = putIfAbsent(key, fresh);
        return earlier != null ? earlier : fresh;
    }

    private void added(K key) {
        order.add(key);
        while (order.size() > max) {
            K old = order.poll();
            if (old == null) {
                break;
            }
            entries.remove(old);
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

    Iterable<Map.Entry<K, V>> entries() {
        return entries.entrySet();
    }
}
