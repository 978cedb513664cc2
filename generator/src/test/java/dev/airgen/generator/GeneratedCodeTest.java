package dev.airgen.generator;

import dev.airgen.generator.testing.Compiled;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the "shapes" snapshot, compiles it together with {@code drivers/ShapesDriver.java} (code written
 * the way an application uses generated classes), and runs each driver method as a test.
 */
class GeneratedCodeTest {

    @TempDir
    static Path dir;
    static Compiled compiled;

    static Path resource(String path) throws Exception {
        return Path.of(GeneratedCodeTest.class.getResource(path).toURI());
    }

    @BeforeAll
    static void generateAndCompile() throws Exception {
        GenerationResult result = new Generator().generate(GeneratorConfig.of(resource("/snapshots/shapes"), "dev.airgen.test.shapes"));
        compiled = Compiled.compile(result, dir, resource("/drivers/ShapesDriver.java"));
    }

    @AfterAll
    static void close() throws Exception {
        compiled.close();
    }

    @TestFactory
    Stream<DynamicTest> driver() {
        Class<?> driver = compiled.load("dev.airgen.test.shapes.ShapesDriver");
        return Arrays.stream(driver.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .sorted(Comparator.comparing(Method::getName))
                .map(m -> DynamicTest.dynamicTest(m.getName(), () -> {
                    try {
                        m.invoke(null);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }));
    }
}
