package dev.airgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packages of AIRgen's modules form no cycle: a package may use the packages before it in its module's
 * pipeline, never one that uses it back. Read from the compiled classes, so an import that sneaks in fails
 * here with the cycle and the classes that make it.
 */
class PackageCyclesTest {

    /** A module, found on the class path through one class it holds. */
    private record Module(String name, String someClass) {
    }

    private static final List<Module> MODULES = List.of(
            new Module("schema-core", "dev.airgen.schema.SchemaException"),
            new Module("generator", "dev.airgen.generator.Generator"),
            new Module("maven-plugin", "dev.airgen.maven.GenerateMojo"),
            new Module("emulator", "dev.airgen.emulator.RunwareEmulator"),
            new Module("runtime", "dev.airgen.runtime.RunwareClient"));

    @Test
    void theModulesHaveNoPackageCycle() {
        List<Path> archives = new ArrayList<>();
        MODULES.forEach(m -> archives.add(location(m)));

        PackageGraph graph = PackageGraph.read(archives);

        for (Module m : MODULES) {
            assertThat(graph.packages()).as("packages read from %s", m.name()).contains(packageOf(m.someClass()));
        }
        assertThat(graph.edgeCount()).as("uses between packages").isGreaterThan(10);
        assertThat(graph.cycles()).withFailMessage("package cycles:\n%s", String.join("\n", graph.cycles())).isEmpty();
    }

    @Test
    void aCycleIsNamedWithItsPackagesAndOneClassUsePerStep() {
        PackageGraph graph = new PackageGraph();
        graph.addUse("a.A", "b.B");
        graph.addUse("b.B", "c.C");
        graph.addUse("c.C", "a.Z");
        graph.addUse("c.C", "a.A");
        graph.addUse("d.D", "a.A");
        graph.addUse("x.X", "y.Y");
        graph.addUse("y.Y$Inner", "x.X");

        assertThat(graph.cycles()).containsExactly(
                "cycle among [a, b, c]:\n"
                        + "  a -> b   (a.A -> b.B)\n"
                        + "  b -> c   (b.B -> c.C)\n"
                        + "  c -> a   (c.C -> a.A)",
                "cycle among [x, y]:\n"
                        + "  x -> y   (x.X -> y.Y)\n"
                        + "  y -> x   (y.Y$Inner -> x.X)");
    }

    @Test
    void aGraphWithoutCycleHasNone() {
        PackageGraph graph = new PackageGraph();
        graph.addUse("a.A", "b.B");
        graph.addUse("b.B", "c.C");
        graph.addUse("a.A", "c.C");
        graph.addUse("c.C", "c.D");
        graph.addUse("c.D", "c.C");

        assertThat(graph.cycles()).isEmpty();
        assertThat(graph.edgeCount()).isEqualTo(3);
    }

    @Test
    void aCycleBetweenCompiledPackagesIsFound(@TempDir Path dir) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> files = new ArrayList<>();
        files.add(write(sources, "p/one/A.java", "package p.one; public class A { public p.two.B b; }"));
        files.add(write(sources, "p/two/B.java", "package p.two; public class B { public p.one.A a() { return null; } }"));
        files.add(write(sources, "p/three/C.java", "package p.three; public class C extends p.one.A { }"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
        args.addAll(files);
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();

        PackageGraph graph = PackageGraph.read(List.of(classes));

        assertThat(graph.packages()).containsExactly("p.one", "p.three", "p.two");
        assertThat(graph.cycles()).containsExactly("cycle among [p.one, p.two]:\n"
                + "  p.one -> p.two   (p.one.A -> p.two.B)\n"
                + "  p.two -> p.one   (p.two.B -> p.one.A)");
    }

    private static String write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file.toString();
    }

    /** The jar or class folder a module's class is loaded from (found without loading the class). */
    private static Path location(Module module) {
        String resource = module.someClass().replace('.', '/') + ".class";
        URL url = PackageCyclesTest.class.getClassLoader().getResource(resource);
        assertThat(url).as("%s on the test class path", module.name()).isNotNull();
        try {
            String text = url.toString();
            if (text.startsWith("jar:")) {
                return Path.of(new URL(text.substring("jar:".length(), text.indexOf("!/"))).toURI());
            }
            Path file = Path.of(url.toURI());
            for (int i = 0; i < resource.split("/").length; i++) {
                file = file.getParent();
            }
            return file;
        } catch (URISyntaxException | java.net.MalformedURLException e) {
            throw new IllegalStateException(url.toString(), e);
        }
    }

    private static String packageOf(String className) {
        return className.substring(0, className.lastIndexOf('.'));
    }
}
