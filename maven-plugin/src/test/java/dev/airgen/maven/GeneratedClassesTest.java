package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedClassesTest {

    private static final FileTime OLD = FileTime.fromMillis(946684800000L);

    @TempDir
    Path dir;

    private Path source(String name, String body) throws IOException {
        Path file = dir.resolve("sources/com/example/" + name + ".java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package com.example;\n" + body + "\n");
        return file;
    }

    @Test
    void compilesOncePerFingerprintWritesOnlyChangedClassesAndDeletesStaleOnes() throws Exception {
        source("A", "public class A { public static class Inner {} }");
        Path b = source("B", "public class B { public int b() { return 1; } }");
        Path sources = dir.resolve("sources");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Files.writeString(classes.resolve("Own.class"), "the user's class");
        GeneratedClasses compiled = new GeneratedClasses(Files.createDirectories(dir.resolve("state")));

        String first = GeneratedClasses.fingerprint("generation-1", "17", List.of());
        GeneratedClasses.Outcome outcome = compiled.sync(first, sources, classes, "17", List.of());
        assertThat(outcome).isEqualTo(new GeneratedClasses.Outcome(true, 3, 3, 0));
        assertThat(classes.resolve("com/example/A$Inner.class")).isRegularFile();
        Files.setLastModifiedTime(classes.resolve("com/example/A.class"), OLD);

        assertThat(compiled.upToDate(first, classes)).isTrue();
        assertThat(compiled.sync(first, sources, classes, "17", List.of()).compiled()).isFalse();

        // A new generation: B changes, A's bytes stay, A.Inner goes away with a new A.
        Files.writeString(b, "package com.example;\npublic class B { public int b() { return 2; } }\n");
        String second = GeneratedClasses.fingerprint("generation-2", "17", List.of());
        assertThat(compiled.upToDate(second, classes)).isFalse();
        assertThat(compiled.sync(second, sources, classes, "17", List.of())).isEqualTo(new GeneratedClasses.Outcome(true, 3, 1, 0));
        assertThat(Files.getLastModifiedTime(classes.resolve("com/example/A.class"))).isEqualTo(OLD);

        source("A", "public class A {}");
        String third = GeneratedClasses.fingerprint("generation-3", "17", List.of());
        assertThat(compiled.sync(third, sources, classes, "17", List.of())).isEqualTo(new GeneratedClasses.Outcome(true, 2, 1, 1));
        assertThat(classes.resolve("com/example/A$Inner.class")).doesNotExist();
        assertThat(classes.resolve("Own.class")).hasContent("the user's class");

        // A deleted output folder is noticed.
        Files.delete(classes.resolve("com/example/B.class"));
        assertThat(compiled.upToDate(third, classes)).isFalse();
        assertThat(compiled.sync(third, sources, classes, "17", List.of()).compiled()).isTrue();
        assertThat(classes.resolve("com/example/B.class")).isRegularFile();
    }

    @Test
    void theFingerprintCoversTheClassPathAndTheRelease() throws Exception {
        Path jar = dir.resolve("lib.jar");
        Files.writeString(jar, "v1");
        Files.setLastModifiedTime(jar, OLD);
        String before = GeneratedClasses.fingerprint("g", "17", List.of(jar));
        assertThat(GeneratedClasses.fingerprint("g", "17", List.of(jar))).isEqualTo(before);
        assertThat(GeneratedClasses.fingerprint("g", "21", List.of(jar))).isNotEqualTo(before);
        Files.writeString(jar, "v22");
        assertThat(GeneratedClasses.fingerprint("g", "17", List.of(jar))).isNotEqualTo(before);
    }

    @Test
    void theReleaseStaysBetween17AndTheRunningJdk() {
        assertThat(GeneratedClasses.release("21", 21)).isEqualTo("21");
        assertThat(GeneratedClasses.release("25", 21)).isEqualTo("21");
        assertThat(GeneratedClasses.release("11", 21)).isEqualTo("17");
        assertThat(GeneratedClasses.release(null, 21)).isEqualTo("17");
        assertThat(GeneratedClasses.release(" 17 ", 17)).isEqualTo("17");
        assertThat(GeneratedClasses.release("1.8", 21)).isEqualTo("1.8");
    }

    @Test
    void onlyBuildsThatReachCompileCompileTheGeneratedSources() {
        assertThat(GenerateMojo.reachesCompile(List.of("compile"))).isTrue();
        assertThat(GenerateMojo.reachesCompile(List.of("clean", "verify"))).isTrue();
        assertThat(GenerateMojo.reachesCompile(List.of("generate-sources", "package"))).isTrue();
        assertThat(GenerateMojo.reachesCompile(List.of())).isTrue();
        assertThat(GenerateMojo.reachesCompile(List.of("generate-sources"))).isFalse();
        assertThat(GenerateMojo.reachesCompile(List.of("clean", "process-resources"))).isFalse();
        assertThat(GenerateMojo.reachesCompile(List.of("airgen:generate"))).isFalse();
        assertThat(GenerateMojo.reachesCompile(List.of("dev.airgen:airgen-maven-plugin:generate", "site"))).isFalse();
    }

    @Test
    void javacErrorsNameTheGeneratedFileAndKeepTheOldState() throws Exception {
        source("Broken", "public class Broken { int x = \"text\"; }");
        GeneratedClasses compiled = new GeneratedClasses(Files.createDirectories(dir.resolve("state")));
        Path classes = dir.resolve("classes");
        assertThatThrownBy(() -> compiled.sync("f", dir.resolve("sources"), classes, "17", List.of()))
                .isInstanceOf(GeneratedClasses.CompileException.class)
                .hasMessageContaining("Broken.java:2");
        assertThat(compiled.upToDate("f", classes)).isFalse();
    }

    @Test
    void javacProcessesSharingTheSourcesWriteTheClassesOneProcessWrites() throws Exception {
        // 250 classes in a ring, each using the next, so every share needs types of another share; the folder's
        // name has a space and a quote, which the argument files must carry.
        Path sources = dir.resolve("gen \"sources\"");
        for (int i = 0; i < 250; i++) {
            Path file = sources.resolve("com/example/C" + i + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, "package com.example;\npublic class C" + i + " {\n    public C" + ((i + 1) % 250)
                    + " next() { return null; }\n    public static final class Nested { }\n}\n");
        }
        Path split = Files.createDirectories(dir.resolve("classes-split"));
        Path single = Files.createDirectories(dir.resolve("classes-single"));
        assertThat(GeneratedClasses.groups(250, 2)).isEqualTo(2);
        assertThat(GeneratedClasses.groups(250, 1)).isEqualTo(1);

        new GeneratedClasses(Files.createDirectories(dir.resolve("state-split")), 2).sync("f", sources, split, "17", List.of());
        new GeneratedClasses(Files.createDirectories(dir.resolve("state-single")), 1).sync("f", sources, single, "17", List.of());

        List<String> names;
        try (var walk = Files.walk(single)) {
            names = walk.filter(Files::isRegularFile).map(p -> single.relativize(p).toString()).sorted().toList();
        }
        assertThat(names).hasSize(500);
        for (String name : names) {
            assertThat(split.resolve(name)).as(name).hasSameBinaryContentAs(single.resolve(name));
        }
        try (var walk = Files.walk(split)) {
            assertThat(walk.filter(Files::isRegularFile).count()).isEqualTo(500);
        }
        try (var state = Files.list(dir.resolve("state-split"))) {
            assertThat(state.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("javac-"));
        }
    }

    @Test
    void processCountFollowsProcessorsAndFiles() {
        assertThat(GeneratedClasses.groups(3, 8)).isEqualTo(1);
        assertThat(GeneratedClasses.groups(199, 8)).isEqualTo(1);
        assertThat(GeneratedClasses.groups(800, 2)).isEqualTo(2);
        assertThat(GeneratedClasses.groups(800, 16)).isEqualTo(4);
        assertThat(GeneratedClasses.quoted("C:\\a \"b\"")).isEqualTo("\"C:\\\\a \\\"b\\\"\"");
    }

    @Test
    void javacProcessesIgnoreTheLaunchersOptionVariable() {
        java.util.Map<String, String> environment = new java.util.HashMap<>(java.util.Map.of("JDK_JAVAC_OPTIONS", "-Werror",
                "PATH", "/usr/bin"));
        GeneratedClasses.withoutLauncherOptions(environment);
        assertThat(environment).containsOnlyKeys("PATH");
        ProcessBuilder javac = GeneratedClasses.javac(dir.resolve("javac-0.args"));
        assertThat(javac.environment()).doesNotContainKey("JDK_JAVAC_OPTIONS");
        assertThat(javac.command()).startsWith(GeneratedClasses.launcher().toString(), "-J-XX:TieredStopAtLevel=1",
                "-J-XX:+UseSerialGC").endsWith("@" + dir.resolve("javac-0.args"));
    }
}
