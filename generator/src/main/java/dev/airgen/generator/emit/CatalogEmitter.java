package dev.airgen.generator.emit;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.airgen.generator.lang.JavaText;
import dev.airgen.generator.lang.Names;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Modifier;

/**
 * Writes the catalog class: one constant per model for discovery in the IDE, and lookups by AIR and slug.
 * The metadata itself lives in a JSON resource beside it (see {@code ModelCatalog} in the runtime).
 */
public final class CatalogEmitter {

    /**
     * One catalog row as the emitter needs it.
     *
     * @param constant the name of its constant, from {@link #constantNames}
     */
    public record Row(String air, String constant, String name, String taskType, String requestClass) {
    }

    public static final String CLASS_NAME = "RunwareCatalog";
    public static final String RESOURCE = "catalog.json";

    private static final ClassName MODEL_INFO = ClassName.get("dev.airgen.runtime.types", "ModelInfo");
    private static final ClassName MODEL_CATALOG = ClassName.get("dev.airgen.runtime.types", "ModelCatalog");

    private CatalogEmitter() {
    }

    /**
     * The constant of every catalog model, decided over the whole catalog so that an include list never
     * changes one: the slug in upper snake case ({@code BFL_FLUX_1_DEV}), or the AIR for a model without a
     * slug. Models whose constants would coincide are both named from their AIRs instead.
     */
    public static Map<String, String> constantNames(List<dev.airgen.schema.snapshot.CatalogEntry> catalog) {
        Map<String, String> names = new java.util.TreeMap<>();
        catalog.forEach(e -> names.put(e.air(), Names.constant(e.slug() != null ? e.slug() : e.air())));
        for (int round = 0; round < 2; round++) {
            Map<String, List<String>> byConstant = new HashMap<>();
            names.forEach((air, constant) -> byConstant.computeIfAbsent(constant, k -> new java.util.ArrayList<>()).add(air));
            byConstant.computeIfAbsent("CATALOG", k -> new java.util.ArrayList<>()).add(null);
            boolean clash = false;
            for (List<String> airs : byConstant.values()) {
                if (airs.size() > 1) {
                    for (String air : airs) {
                        if (air != null) {
                            clash = true;
                            names.put(air, round == 0 ? Names.constant(air) : Names.constant(air) + "_" + Integer.toHexString(air.hashCode()).toUpperCase(java.util.Locale.ROOT));
                        }
                    }
                }
            }
            if (!clash) {
                break;
            }
        }
        return names;
    }

    /** The catalog class; {@code readApi}: whether it carries its public API ({@link EmittedClass#api()}). */
    public static EmittedClass emit(String packageName, List<Row> rows, boolean readApi) {
        ClassName name = ClassName.get(packageName, CLASS_NAME);
        TypeSpec.Builder type = TypeSpec.classBuilder(name).addModifiers(Modifier.PUBLIC, Modifier.FINAL)
                .addJavadoc("Every model of the snapshot this package was generated from ($L models), with lookups by AIR and slug.\n",
                        rows.size())
                .addField(FieldSpec.builder(MODEL_CATALOG, "CATALOG", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                        .initializer("$T.load($T.class, $S)", MODEL_CATALOG, name, RESOURCE).build())
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        for (Row row : rows) {
            String constant = row.constant();
            String doc = (row.name() != null ? Javadocs.escape(row.name()) + ": " : "") + "{@code " + Javadocs.escape(row.air()) + "}"
                    + (row.taskType() != null ? ", " + Javadocs.escape(row.taskType()) : "")
                    + (row.requestClass() != null ? ", sent with {@link " + row.requestClass() + "}" : "") + ".\n";
            type.addField(FieldSpec.builder(MODEL_INFO, constant, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
                    .addJavadoc("$L", doc).initializer("CATALOG.require($L)", JavaText.stringLiteral(row.air())).build());
        }
        ClassName optional = ClassName.get("java.util", "Optional");
        type.addMethod(MethodSpec.methodBuilder("byAir").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(optional, MODEL_INFO)).addParameter(String.class, "air")
                .addStatement("return CATALOG.byAir(air)").build());
        type.addMethod(MethodSpec.methodBuilder("bySlug").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(optional, MODEL_INFO)).addParameter(String.class, "slug")
                .addStatement("return CATALOG.bySlug(slug)").build());
        ClassName classOfAny = ClassName.get(Class.class);
        type.addMethod(MethodSpec.methodBuilder("requestType").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(optional, ParameterizedTypeName.get(classOfAny, com.palantir.javapoet.WildcardTypeName.subtypeOf(Object.class))))
                .addJavadoc("The generated request class that sends {@code model}, if it has one.\n")
                .addParameter(MODEL_INFO, "model").addStatement("return CATALOG.requestType(model)").build());
        type.addMethod(MethodSpec.methodBuilder("all").addModifiers(Modifier.PUBLIC, Modifier.STATIC)
                .returns(ParameterizedTypeName.get(ClassName.get("java.util", "Collection"), MODEL_INFO))
                .addJavadoc("Every model, ordered by AIR.\n")
                .addStatement("return CATALOG.all()").build());
        return EmittedClass.of(name, type.build(), readApi ? java.util.Map.of() : null, "Generated by AIRgen. Do not edit: regenerate instead.");
    }
}
