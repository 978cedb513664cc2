package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.schema.diff.SchemaDiff;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
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
        List<Class<?>> classes = new ArrayList<>(classesUnder(GenerateMojo.class, "dev/airgen/maven"));
        // The schema core runs inside the goals too (snapshot reading, the diff of the change report).
        classes.addAll(classesUnder(SchemaDiff.class, "dev/airgen/schema"));
        assertThat(classes).extracting(Class::getSimpleName).contains("GenerateMojo", "RefreshMojo", "SchemaDiff", "SnapshotReader");
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

    /** The main classes of the folder or jar that holds {@code anchor}, below {@code packagePath}. */
    private static List<Class<?>> classesUnder(Class<?> anchor, String packagePath) throws Exception {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return classesIn(location, packagePath);
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return classesIn(jar.getPath("/"), packagePath);
        }
    }

    private static List<Class<?>> classesIn(Path root, String packagePath) throws Exception {
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve(packagePath))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/').replace('/', '.');
                classes.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        NoSharedStateTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
