package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The runtime's public API, listed: every public type of the API packages with its public and protected
 * members, their generic signatures and nullness. The listing is checked in
 * ({@value #GOLDEN}); a change to the API fails this test until the file is regenerated with
 * {@code -Dairgen.api.update=true} and the change is reviewed with it. The internal package is not API
 * and not listed; no JSON type but {@code JsonValue} appears in the API.
 */
class PublicApiTest {

    static final String GOLDEN = "src/test/resources/api/runtime-public-api.txt";
    private static final List<String> API_PACKAGES = List.of("dev.airgen.runtime", "dev.airgen.runtime.types",
            "dev.airgen.runtime.validation");

    @Test
    void thePublicApiIsTheReviewedOne() throws Exception {
        String listing = String.join("\n", listing()) + "\n";
        Path golden = Path.of(GOLDEN);
        if (Boolean.getBoolean("airgen.api.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, listing, StandardCharsets.UTF_8);
        }
        assertThat(golden).as("run with -Dairgen.api.update=true to write it").exists();
        assertThat(listing).as("the public API differs from " + GOLDEN + " (regenerate with -Dairgen.api.update=true "
                + "and review the diff)").isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void oneJsonValueTypeAndNullMarkedPackages() throws Exception {
        for (String line : listing()) {
            assertThat(line).as("JSON values in the API are JsonValue").doesNotContain("JsonNode", "ObjectNode", "ArrayNode");
            assertThat(line).as("the internal package is not API").doesNotContain("dev.airgen.runtime.internal");
        }
        for (String name : API_PACKAGES) {
            Package p = Class.forName(name + ".package-info").getPackage();
            assertThat(p.isAnnotationPresent(NullMarked.class)).as(name + " is @NullMarked").isTrue();
        }
        assertThat(listing()).anySatisfy(l -> assertThat(l).contains("@Nullable"));
    }

    private static List<String> listing() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(RunwareClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> out = new ArrayList<>();
        for (String pkg : API_PACKAGES) {
            Path dir = classes.resolve(pkg.replace('.', '/'));
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                        .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()).replace('$', '.'))
                        .sorted().toList();
            }
            for (String name : names) {
                Class<?> type = load(name);
                if (type == null || !isVisible(type)) {
                    continue;
                }
                out.add(describe(type));
                List<String> members = new ArrayList<>();
                for (Field f : type.getDeclaredFields()) {
                    if (isApi(f.getModifiers()) && !f.isSynthetic()) {
                        members.add("  field " + modifiers(f.getModifiers()) + nullness(f.getAnnotatedType())
                                + f.getGenericType().getTypeName() + " " + f.getName());
                    }
                }
                for (Constructor<?> c : type.getDeclaredConstructors()) {
                    if (isApi(c.getModifiers()) && !c.isSynthetic()) {
                        members.add("  new " + modifiers(c.getModifiers()) + type.getSimpleName() + parameters(c));
                    }
                }
                for (Method m : type.getDeclaredMethods()) {
                    if (isApi(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                        members.add("  method " + modifiers(m.getModifiers()) + typeParameters(m)
                                + nullness(m.getAnnotatedReturnType()) + m.getGenericReturnType().getTypeName() + " "
                                + m.getName() + parameters(m));
                    }
                }
                members.sort(null);
                out.addAll(members);
            }
        }
        return out;
    }

    private static Class<?> load(String dotted) throws ClassNotFoundException {
        // nested classes were written with '.'; find the binary name
        String binary = dotted;
        while (true) {
            try {
                return Class.forName(binary, false, PublicApiTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                int dot = binary.lastIndexOf('.');
                if (dot < 0 || binary.substring(0, dot).lastIndexOf('.') < 0) {
                    throw e;
                }
                binary = binary.substring(0, dot) + "$" + binary.substring(dot + 1);
                if (binary.matches(".*\\$\\d+.*")) {
                    return null;   // anonymous class
                }
            }
        }
    }

    private static boolean isVisible(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
            if (!Modifier.isPublic(c.getModifiers()) && !(c != type && Modifier.isProtected(c.getModifiers()))) {
                return false;
            }
        }
        return !type.isAnonymousClass() && !type.isLocalClass();
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String describe(Class<?> type) {
        String kind = type.isAnnotation() ? "@interface" : type.isInterface() ? "interface" : type.isEnum() ? "enum"
                : type.isRecord() ? "record" : "class";
        StringBuilder s = new StringBuilder(kind).append(' ').append(modifiers(type.getModifiers() & ~Modifier.INTERFACE
                & ~Modifier.ABSTRACT | (type.isInterface() ? 0 : type.getModifiers() & Modifier.ABSTRACT)))
                .append(type.getName().replace('$', '.'));
        if (type.getGenericSuperclass() != null && type.getSuperclass() != Object.class && !type.isEnum() && !type.isRecord()) {
            s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
        }
        if (type.getGenericInterfaces().length > 0) {
            s.append(type.isInterface() ? " extends " : " implements ").append(Stream.of(type.getGenericInterfaces())
                    .map(java.lang.reflect.Type::getTypeName).collect(Collectors.joining(", ")));
        }
        return s.toString().replace('$', '.');
    }

    private static String modifiers(int m) {
        String s = Modifier.toString(m & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC | Modifier.FINAL
                | Modifier.ABSTRACT));
        return s.isEmpty() ? "" : s + " ";
    }

    private static String typeParameters(Method m) {
        return m.getTypeParameters().length == 0 ? "" : "<" + Stream.of(m.getTypeParameters())
                .map(t -> t.getName() + (t.getBounds().length == 1 && t.getBounds()[0] == Object.class ? ""
                        : " extends " + Stream.of(t.getBounds()).map(java.lang.reflect.Type::getTypeName)
                        .collect(Collectors.joining(" & "))))
                .collect(Collectors.joining(", ")) + "> ";
    }

    private static String parameters(Executable e) {
        List<String> out = new ArrayList<>();
        Parameter[] parameters = e.getParameters();
        AnnotatedType[] types = e.getAnnotatedParameterTypes();
        for (int i = 0; i < parameters.length; i++) {
            int offset = parameters.length - types.length;
            String nullable = i >= offset ? nullness(types[i - offset]) : "";
            out.add(nullable + parameters[i].getParameterizedType().getTypeName());
        }
        return ("(" + String.join(", ", out) + ")").replace('$', '.');
    }

    private static String nullness(AnnotatedType type) {
        return type != null && type.isAnnotationPresent(Nullable.class) ? "@Nullable " : "";
    }
}
