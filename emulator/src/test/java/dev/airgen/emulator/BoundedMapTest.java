package dev.airgen.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BoundedMapTest {

    @Test
    void forgetsTheOldestKeysBeyondItsSize() {
        BoundedMap<String, Integer> map = new BoundedMap<>(3);
        for (int i = 0; i < 5; i++) {
            map.put("k" + i, i);
        }
        assertThat(map.keys()).containsExactlyInAnyOrder("k2", "k3", "k4");
        assertThat(map.get("k0")).isNull();
        assertThat(map.get("k4")).isEqualTo(4);
    }

    @Test
    void putIfAbsentKeepsTheFirstValueAndCountsTheKeyOnce() {
        BoundedMap<String, Integer> map = new BoundedMap<>(2);
        assertThat(map.putIfAbsent("a", 1)).isNull();
        assertThat(map.putIfAbsent("a", 2)).isEqualTo(1);
        assertThat(map.get("a")).isEqualTo(1);
        map.put("b", 3);
        assertThat(map.keys()).containsExactlyInAnyOrder("a", "b");
        map.put("c", 4);
        assertThat(map.keys()).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void replacingAValueDoesNotCountAsANewKey() {
        BoundedMap<String, Integer> map = new BoundedMap<>(2);
        map.put("a", 1);
        map.put("a", 2);
        map.put("b", 3);
        assertThat(map.keys()).containsExactlyInAnyOrder("a", "b");
        assertThat(map.entries()).extracting(e -> e.getValue()).containsExactlyInAnyOrder(2, 3);
    }

    @Test
    void computeIfAbsentMakesAValueOnceAndCountsTheKeyOnce() {
        BoundedMap<String, Integer> map = new BoundedMap<>(2);
        assertThat(map.computeIfAbsent("a", k -> 1)).isEqualTo(1);
        assertThat(map.computeIfAbsent("a", k -> 2)).isEqualTo(1);
        map.put("b", 3);
        assertThat(map.keys()).containsExactlyInAnyOrder("a", "b");
        assertThat(map.computeIfAbsent("c", k -> 4)).isEqualTo(4);
        assertThat(map.keys()).containsExactlyInAnyOrder("b", "c");
    }
}
