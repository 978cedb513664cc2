package dev.airgen.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;

/**
 * A generated top-level class: its source file, and the specification it was written from (from which the
 * public API listing is read).
 */
public record EmittedClass(GeneratedFile file, TypeSpec spec, ClassName name) {

    /** On every top-level class: types without {@code @Nullable} never hold null (JSpecify, read by Kotlin and NullAway). */
    private static final ClassName NULL_MARKED = ClassName.get("org.jspecify.annotations", "NullMarked");

    /** The class {@code spec}, marked {@code @NullMarked}, in its source file headed by the given comment. */
    static EmittedClass of(ClassName name, TypeSpec spec, String commentFormat, Object... commentArgs) {
        TypeSpec marked = spec.toBuilder().addAnnotation(NULL_MARKED).build();
        JavaFile javaFile = JavaFile.builder(name.packageName(), marked)
                .addFileComment(commentFormat, commentArgs)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        String path = name.packageName().replace('.', '/') + "/" + marked.name() + ".java";
        return new EmittedClass(GeneratedFile.source(path, javaFile.toString()), marked, name);
    }
}
