package dev.airgen.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerStatusTest {

    @TempDir
    Path target;

    private Path execution(String id, String... created) throws IOException {
        Path dir = Files.createDirectories(target.resolve("maven-status/maven-compiler-plugin/compile").resolve(id));
        Files.writeString(dir.resolve("inputFiles.lst"), "/src/main/java/com/example/app/App.java\n");
        Files.write(dir.resolve(CompilerStatus.CREATED), List.of(created));
        return dir;
    }

    @Test
    void findsGeneratedClassFilesInAnyExecutionsRecord() throws Exception {
        execution("default-compile", "com/example/app/App.class");
        execution("second", "com\\example\\tiny\\AcmeImageRequest.class", "");
        CompilerStatus status = new CompilerStatus(target);
        assertThat(status.claimsAny(List.of("com/example/tiny/AcmeImageRequest.class"))).isTrue();
        assertThat(status.claimsAny(List.of("com/example/tiny/Other.class"))).isFalse();
        assertThat(status.claimsAny(List.of())).isFalse();
    }

    @Test
    void forgetsEveryCompileExecutionAndLeavesTestCompileAlone() throws Exception {
        Path main = execution("default-compile", "com/example/app/App.class");
        Path tests = Files.createDirectories(target.resolve("maven-status/maven-compiler-plugin/testCompile/default-testCompile"));
        Files.writeString(tests.resolve(CompilerStatus.CREATED), "com/example/app/AppTest.class\n");
        CompilerStatus status = new CompilerStatus(target);
        assertThat(status.forget()).isEqualTo(1);
        assertThat(main).doesNotExist();
        assertThat(tests.resolve(CompilerStatus.CREATED)).isRegularFile();
        assertThat(status.forget()).isZero();
        assertThat(status.claimsAny(List.of("com/example/app/App.class"))).isFalse();
    }

    @Test
    void noRecordAtAll() throws Exception {
        CompilerStatus status = new CompilerStatus(target.resolve("missing"));
        assertThat(status.claimsAny(List.of("A.class"))).isFalse();
        assertThat(status.forget()).isZero();
    }
}
