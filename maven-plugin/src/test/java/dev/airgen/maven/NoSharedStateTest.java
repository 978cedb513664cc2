package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The goals declare themselves thread-safe; a static field that can change would make that a lie. */
class NoSharedStateTest {

    @Test
    void everyStaticFieldOfThePluginIsAConstant() throws Exception {
        List<String> mutable = new ArrayList<>();
        List<Class<?>> classes = pluginClasses();
        assertThat(classes).extracting(Class::getSimpleName).contains("GenerateMojo", "RefreshMojo", "SchemaDiff");
        for (Class<?> type : classes) {
            for (Field field : type.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) && !field.isSynthetic() && !Modifier.isFinal(modifiers)) {
                    mutable.add(type.getName() + "." + field.getName());
                }
            }
        }
        assertThat(mutable).isEmpty();
    }

    private static List<Class<?>> pluginClasses() throws Exception {
        Path root = classesRoot();
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("dev/airgen/maven"))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/').replace('/', '.');
                classes.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        NoSharedStateTest.class.getClassLoader()));
            }
        }
        return classes;
    }

    /** The main classes folder (not the test classes, which hold test helpers). */
    private static Path classesRoot() throws URISyntaxException {
        return Path.of(GenerateMojo.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
