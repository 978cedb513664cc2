package dev.airgen.generator;

/**
 * What a run produced, for build logs and benchmarks.
 *
 * @param snapshotVersion  the snapshot's version, or null
 * @param requestClasses   one per model, architecture, modality, operation and utility
 * @param resultClasses    distinct result classes (tasks with identical results share one)
 * @param sharedTypes      other classes: nested objects, enumerations, unions
 * @param providerClasses  classes for {@code providerSettings}
 * @param catalogModels    models in the generated catalog
 * @param sourceBytes      total size of the generated sources
 * @param sourceLines      total lines of the generated sources
 * @param warnings         problems in the input that did not stop generation, for the build log
 */
public record GenerationReport(String snapshotVersion, int requestClasses, int resultClasses, int sharedTypes,
                               int providerClasses, int catalogModels, long sourceBytes, long sourceLines,
                               java.util.List<String> warnings) {

    public GenerationReport {
        warnings = warnings == null ? java.util.List.of() : java.util.List.copyOf(warnings);
    }

    @Override
    public String toString() {
        return String.format("%d request classes, %d result classes, %d other types (%d provider settings), "
                        + "%d catalog models; %d source lines, %d bytes%s", requestClasses, resultClasses, sharedTypes,
                providerClasses, catalogModels, sourceLines, sourceBytes,
                snapshotVersion == null ? "" : " (snapshot " + snapshotVersion + ")")
                + (warnings.isEmpty() ? "" : "; " + warnings.size() + " warning(s)");
    }
}
