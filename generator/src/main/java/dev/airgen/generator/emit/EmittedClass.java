package dev.airgen.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.airgen.generator.GeneratedFile;

/**
 * A generated top-level class: its source file, and the specification it was written from (from which the
 * public API listing is read).
 */
public record EmittedClass(GeneratedFile file, TypeSpec spec, ClassName name) {

    static EmittedClass of(ClassName name, TypeSpec spec, JavaFile javaFile) {
        String path = name.packageName().replace('.', '/') + "/" + spec.name() + ".java";
        return new EmittedClass(GeneratedFile.source(path, javaFile.toString()), spec, name);
    }
}
