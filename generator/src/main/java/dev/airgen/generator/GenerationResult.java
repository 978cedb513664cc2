package dev.airgen.generator;

import dev.airgen.generator.emit.GeneratedFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The generated files, in path order, and a report. Nothing is written until the caller asks.
 *
 * @param files  sources and resources
 * @param report counts for logs
 * @param api    the public Java API of the generated sources, for comparing generations; null from a
 *               {@link Generator#filesOnly()} generator
 */
public record GenerationResult(List<GeneratedFile> files, GenerationReport report, dev.airgen.generator.api.ApiSurface api) {

    public GenerationResult {
        files = List.copyOf(files);
    }

    /**
     * @throws IllegalStateException when the generator did not list the API ({@link Generator#filesOnly()})
     */
    @Override
    public dev.airgen.generator.api.ApiSurface api() {
        if (api == null) {
            throw new IllegalStateException("this generation did not list the Java API: use new Generator(), not Generator.filesOnly()");
        }
        return api;
    }

    public List<GeneratedFile> sources() {
        return files.stream().filter(f -> f.kind() == GeneratedFile.Kind.SOURCE).toList();
    }

    public List<GeneratedFile> resources() {
        return files.stream().filter(f -> f.kind() == GeneratedFile.Kind.RESOURCE).toList();
    }

    /**
     * Writes sources and resources under two roots, touching only files whose bytes differ, so that an
     * unchanged class is not recompiled.
     *
     * @return how many files were written
     */
    public int writeTo(Path sourceRoot, Path resourceRoot) throws IOException {
        int written = 0;
        for (GeneratedFile file : files) {
            Path target = (file.kind() == GeneratedFile.Kind.SOURCE ? sourceRoot : resourceRoot).resolve(file.relativePath());
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), file.content())) {
                continue;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, file.content());
            written++;
        }
        return written;
    }
}
