package dev.airgen.runtime.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

class CreatorInstantiatorsTest {

    /** Which frames called the constructor last; read by the tests to see which path created the object. */
    private static volatile List<String> lastCaller = List.of();

    private static void noteCaller() {
        lastCaller = Arrays.stream(new Throwable().getStackTrace()).map(f -> f.getClassName() + "." + f.getMethodName()).toList();
    }

    /** Shaped like a generated class: a private creator taking every property. */
    static final class Shaped extends GeneratedObject {
        private final String name;
        private final Long count;
        private final List<String> tags;

        @JsonCreator
        private Shaped(@JsonProperty("name") String name, @JsonProperty("count") Long count,
                       @JsonProperty("tags") List<String> tags) {
            super(null);
            if ("refused".equals(name)) {
                throw new IllegalArgumentException("the name 'refused' is not allowed");
            }
            noteCaller();
            this.name = name;
            this.count = count;
            this.tags = tags;
        }

        @Override
        protected Object[] jsonProperties() {
            return new Object[] {"name", name, "count", count, "tags", tags};
        }
    }

    /** Not a generated class: Jackson's own path stays. */
    static final class Plain {
        final String name;
        final Long count;

        @JsonCreator
        Plain(@JsonProperty("name") String name, @JsonProperty("count") Long count) {
            noteCaller();
            this.name = name;
            this.count = count;
        }
    }

    private static boolean throughPreparedHandle() {
        return lastCaller.stream().anyMatch(f -> f.startsWith(CreatorInstantiators.Prepared.class.getName() + "."))
                && lastCaller.stream().noneMatch(f -> f.endsWith("MethodHandle.invokeWithArguments"));
    }

    @Test
    void generatedObjectsAreCreatedThroughThePreparedHandleWithEveryValue() {
        Shaped s = Json.mapper().readValue("{\"name\":\"a\",\"count\":3,\"tags\":[\"x\",\"y\"],\"extra\":{\"k\":1}}", Shaped.class);

        assertTrue(throughPreparedHandle(), () -> "created by " + lastCaller);
        assertEquals("a", s.name);
        assertEquals(3L, s.count);
        assertEquals(List.of("x", "y"), s.tags);
        // Unknown members still land in the additional properties and are written back.
        assertEquals("{\"k\":1}", String.valueOf(s.additionalProperties().get("extra")));
        assertEquals("{\"name\":\"a\",\"count\":3,\"tags\":[\"x\",\"y\"],\"extra\":{\"k\":1}}", Json.mapper().writeValueAsString(s));
    }

    @Test
    void missingPropertiesArriveAsNull() {
        Shaped s = Json.mapper().readValue("{}", Shaped.class);

        assertTrue(throughPreparedHandle(), () -> "created by " + lastCaller);
        assertEquals(null, s.name);
        assertEquals(null, s.count);
        assertEquals(null, s.tags);
    }

    @Test
    void aConstructorThatThrowsFailsAsItDoesThroughJackson() {
        String json = "{\"name\":\"refused\",\"count\":1}";
        JsonMapper plainJackson = JsonMapper.builder().build();

        DatabindException ours = assertThrows(DatabindException.class, () -> Json.mapper().readValue(json, Shaped.class));
        DatabindException theirs = assertThrows(DatabindException.class, () -> plainJackson.readValue(json, Shaped.class));

        assertEquals(theirs.getClass(), ours.getClass());
        assertEquals(theirs.getOriginalMessage(), ours.getOriginalMessage());
        assertTrue(ours.getOriginalMessage().contains("the name 'refused' is not allowed"), ours::getOriginalMessage);
        assertEquals(IllegalArgumentException.class, ours.getCause().getClass());
    }

    @Test
    void otherClassesKeepJacksonsInstantiator() {
        Plain p = Json.mapper().readValue("{\"name\":\"b\",\"count\":7}", Plain.class);

        assertFalse(lastCaller.stream().anyMatch(f -> f.startsWith(CreatorInstantiators.Prepared.class.getName())),
                () -> "created by " + lastCaller);
        assertEquals("b", p.name);
        assertEquals(7L, p.count);
    }

    @Test
    void aCreatorThatIsNotAConstructorIsLeftToJackson() {
        assertEquals(null, CreatorInstantiators.spreading(null));
    }
}
