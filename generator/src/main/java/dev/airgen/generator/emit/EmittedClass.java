package dev.airgen.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.airgen.generator.api.ApiSurface;
import java.util.Map;

/**
 * A generated top-level class: its source file, and its public API (the class and everything nested in it),
 * both read from the same specification, which is not kept: a whole snapshot's specifications take hundreds
 * of megabytes.
 *
 * @param api the public API, or null when the generation does not list it
 */
public record EmittedClass(GeneratedFile file, ApiSurface api, ClassName name) {

    /** On every top-level class: types without {@code @Nullable} never hold null (JSpecify, read by Kotlin and NullAway). */
    private static final ClassName NULL_MARKED = ClassName.get("org.jspecify.annotations", "NullMarked");

    /**
     * The class {@code spec}, marked {@code @NullMarked}, in its source file headed by the given comment.
     *
     * @param schemas schema location of each generated class, for the API listing (may miss classes), or null
     *                when no API listing is wanted
     */
    static EmittedClass of(ClassName name, TypeSpec spec, Map<ClassName, String> schemas,
                           String commentFormat, Object... commentArgs) {
        TypeSpec marked = spec.toBuilder().addAnnotation(NULL_MARKED).build();
        JavaFile javaFile = JavaFile.builder(name.packageName(), marked)
                .addFileComment(commentFormat, commentArgs)
                .skipJavaLangImports(true)
                .indent("    ")
                .build();
        String path = name.packageName().replace('.', '/') + "/" + marked.name() + ".java";
        return new EmittedClass(GeneratedFile.source(path, javaFile.toString()),
                schemas == null ? null : ApiSurface.of(name.packageName(), Map.of(name, marked), schemas), name);
    }
}
