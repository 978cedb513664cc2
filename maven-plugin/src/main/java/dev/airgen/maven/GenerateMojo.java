package dev.airgen.maven;

import dev.airgen.generator.ConfigurationException;
import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import dev.airgen.generator.emit.GeneratedFile;
import dev.airgen.schema.SchemaException;
import dev.airgen.schema.snapshot.BundledSnapshot;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Resource;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.build.BuildContext;

/**
 * Generates typed Java classes for Runware models from a schema snapshot, plus the schema resources the
 * runtime validates against.
 *
 * <p>Incremental: a SHA-256 over every input (each snapshot file, including files reached through
 * {@code $ref}, the effective configuration and the plugin build) is kept under
 * {@code target/airgen/<output folder>-<hash>/}, with a stamp of the same inputs that replaces each file's
 * bytes by its size and modification time (for a single-file snapshot, next to it the list of files the stamp
 * covered, so a no-op build need not parse the snapshot to find them). When the stamp matches and the outputs are all there, nothing is
 * read or written: an input whose size and modification time are unchanged is treated as unchanged. When
 * either differs, the contents are hashed; if they still match (a {@code touch}, a checkout that left the
 * bytes as they were), only the new stamp is recorded. Files modified within two seconds of a check never
 * get a stamp, so the next build hashes them. Otherwise the classes are generated in memory, only files whose
 * bytes differ are written, and files an earlier run wrote that are no longer generated are deleted. When
 * the build goes on to compile, the generated sources are compiled here into the output folder
 * ({@link GeneratedClasses}) and the generated resources copied there ({@link OutputMirror}); otherwise
 * (including {@code skip}, an IDE's import and Eclipse's own builds) they are added as a compile source root
 * and a resource root.
 *
 * <p>Thread-safe: no shared mutable state; every execution has its own generator and state folder.
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class GenerateMojo extends AbstractMojo {

    /**
     * The snapshot to generate from: a {@code schema-map.json} bundle, a {@code /resolve} document, a
     * docs {@code schema.json}, or a folder of any of these plus a {@code catalog.json}. Default: the
     * snapshot bundled in {@code airgen-model-schemas}.
     */
    @Parameter(property = "airgen.snapshot")
    private File snapshot;

    /** The Java package of the generated classes. */
    @Parameter(property = "airgen.packageName", defaultValue = GeneratorConfig.DEFAULT_PACKAGE)
    private String packageName;

    /** AIR globs of the models to generate ({@code klingai:*}, {@code runware:101@1}); default: all. */
    @Parameter
    private List<String> includes;

    /** AIR globs removed after {@code includes}. */
    @Parameter
    private List<String> excludes;

    /**
     * Where the Java sources go; added as a compile source root whenever the plugin does not compile them
     * itself (see {@code compileGenerated}).
     */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/airgen", required = true)
    private File outputDirectory;

    /**
     * Compiles the generated sources in the plugin, once per change of the snapshot, configuration or compile
     * class path, into the module's output folder, instead of adding them as a compile source root. Then
     * maven-compiler-plugin sees only the module's own sources, and editing one of them never recompiles the
     * generated classes. Inside Eclipse (m2e), with {@code skip}, or on a Java runtime without javac, the
     * sources are added as a compile source root instead, as with {@code false}.
     */
    @Parameter(property = "airgen.compileGenerated", defaultValue = "true")
    private boolean compileGenerated;

    /**
     * The {@code --release} the generated sources are compiled for. Kept between 17 (the oldest Java the
     * generated classes are written for) and the Java running Maven (whose javac compiles them).
     */
    @Parameter(property = "maven.compiler.release", defaultValue = "17")
    private String release;

    /** Skips generation; the resource root is still added, and the sources as a compile source root. */
    @Parameter(property = "airgen.skip", defaultValue = "false")
    private boolean skip;

    /** Where the schema resources and the catalog go; added as a resource root. */
    @Parameter(defaultValue = "${project.build.directory}/generated-resources/airgen", readonly = true, required = true)
    private File resourcesDirectory;

    /** Fingerprint and manifest of the last generation, one folder per output directory. */
    @Parameter(defaultValue = "${project.build.directory}/airgen", readonly = true, required = true)
    private File stateDirectory;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** In the state folder: the generated resources the plugin placed in the output folder, and for which generation. */
    private static final String RESOURCES_LIST = "resources.txt";
    private static final String RESOURCES_FINGERPRINT = "resources.sha256";

    private final BuildContext buildContext;

    @Inject
    public GenerateMojo(BuildContext buildContext) {
        this.buildContext = buildContext;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        long start = System.nanoTime();
        Path sources = outputDirectory.toPath().toAbsolutePath().normalize();
        Path resources = resourcesDirectory.toPath().toAbsolutePath().normalize();
        boolean precompile = precompile();
        if (!precompile) {
            // Before anything can return early: a later compile must always see the generated classes.
            project.addCompileSourceRoot(sources.toString());
        }
        if (!precompile) {
            // Otherwise the plugin places the resources in the output folder itself (see placeResources).
            addResourceRoot(resources);
        }
        if (skip) {
            getLog().info("airgen: skipped (airgen.skip)");
            return;
        }

        // Settings first, with a stand-in snapshot: the bundled one is only opened when generation runs.
        GeneratorConfig settings = config(Path.of("snapshot"));
        Path explicit = explicitSnapshot();
        OutputState state = new OutputState(stateDirectory.toPath().resolve(stateName(sources)));
        URL bundledMarker = explicit == null ? bundledMarker() : null;
        UpToDate.Verdict verdict;
        try {
            verdict = UpToDate.check(remembered -> inputs(explicit, bundledMarker, settings, remembered),
                    state, Clock.systemUTC(), getLog()::debug);
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("airgen: cannot read the " + describe(explicit) + ": " + e.getMessage(), e);
        }
        if (verdict.upToDate()) {
            getLog().info(String.format("airgen: inputs unchanged, nothing written (%s, fingerprint %s, %d ms)",
                    describe(explicit), verdict.fingerprint().substring(0, 12), millisSince(start)));
            if (precompile) {
                intoOutputFolder(state, verdict.fingerprint(), sources, resources);
            }
            return;
        }

        GeneratorConfig config = config(explicit != null ? explicit : bundledSnapshot());
        GenerationResult result = generate(config);
        List<OutputState.Target> targets = new ArrayList<>();
        for (GeneratedFile file : result.files()) {
            Path root = file.kind() == GeneratedFile.Kind.SOURCE ? sources : resources;
            targets.add(new OutputState.Target(root.resolve(file.relativePath()), file.content()));
        }
        OutputState.Result synced;
        try {
            state.invalidate();
            synced = state.sync(targets, List.of(sources, resources), new OutputState.Sink() {
                @Override
                public OutputStream open(Path file) throws IOException {
                    return buildContext.newFileOutputStream(file.toFile());
                }

                @Override
                public void deleted(Path file) {
                    buildContext.refresh(file.toFile());
                }
            });
            state.commit(verdict.fingerprint(), verdict.stamp(), verdict.reached());
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("airgen: cannot write the generated files under " + sources + ": " + e.getMessage(), e);
        }
        getLog().info(String.format("airgen: %s", result.report()));
        result.report().warnings().forEach(w -> getLog().warn("airgen: " + w));
        getLog().info(String.format("airgen: %d files written, %d unchanged, %d stale deleted (%s, %d ms)",
                synced.written(), synced.unchanged(), synced.deleted(), describe(explicit), millisSince(start)));
        if (precompile) {
            intoOutputFolder(state, verdict.fingerprint(), sources, resources);
        }
    }

    /** Puts what the generation produced into the module's output folder: its resources, then its compiled sources. */
    private void intoOutputFolder(OutputState state, String generation, Path sources, Path resources)
            throws MojoExecutionException {
        Path classes = Path.of(project.getBuild().getOutputDirectory()).toAbsolutePath().normalize();
        placeResources(state, generation, resources, classes);
        compileGenerated(state, generation, sources, classes);
    }

    /**
     * Copies the generated resources (the schemas the runtime validates against, the catalog, the schema index)
     * into the output folder, where the build would otherwise have maven-resources-plugin copy them from a
     * resource root: it looks at every file on every build, a few hundred milliseconds for a whole snapshot's
     * 800 files, while an unchanged generation here only checks that the files it placed are still there.
     */
    private void placeResources(OutputState state, String generation, Path resources, Path classes) throws MojoExecutionException {
        long start = System.nanoTime();
        OutputMirror placed = new OutputMirror(state.dir(), RESOURCES_LIST, RESOURCES_FINGERPRINT);
        try {
            if (placed.upToDate(generation, classes, name -> true)) {
                getLog().debug(String.format("airgen: generated resources in place (%d files, %d ms)",
                        placed.listed().size(), millisSince(start)));
                return;
            }
            OutputMirror.Copied copied = placed.copy(generation, resources, classes);
            getLog().info(String.format("airgen: placed the generated resources in %s: %d files, %d written, %d stale deleted (%d ms)",
                    classes.getFileName(), copied.files(), copied.written(), copied.deleted(), millisSince(start)));
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("airgen: cannot copy the generated resources into " + classes + ": " + e.getMessage(), e);
        }
    }

    /** Whether the generated sources are compiled here rather than by maven-compiler-plugin; see {@link #compileGenerated}. */
    private boolean precompile() {
        if (!compileGenerated || skip) {
            return false;
        }
        if (insideEclipse()) {
            getLog().debug("airgen: inside Eclipse (m2e), the generated sources are a compile source root");
            return false;
        }
        if (session != null && !reachesCompile(session.getGoals())) {
            // generate-sources alone (an IDE importing the project, a refresh check): nothing compiles in this build.
            getLog().debug("airgen: this build stops before compile (" + session.getGoals() + "); the generated sources are a compile source root");
            return false;
        }
        if (!GeneratedClasses.available()) {
            getLog().warn("airgen: no javac in this Java runtime; the generated sources are a compile source root instead");
            return false;
        }
        return true;
    }

    /** Phases of the default lifecycle before {@code compile}, and every phase of the clean and site lifecycles. */
    private static final Set<String> BEFORE_COMPILE = Set.of("validate", "initialize", "generate-sources", "process-sources",
            "generate-resources", "process-resources", "pre-clean", "clean", "post-clean", "pre-site", "site", "post-site",
            "site-deploy");

    /**
     * Whether a build of these command-line tasks runs the {@code compile} phase: some task is a phase that is not
     * before it. A task with a colon is a goal run on its own ({@code airgen:generate}); with no task at all (a
     * {@code defaultGoal}) the answer is yes, as it is for any name not known here.
     */
    static boolean reachesCompile(List<String> tasks) {
        return tasks == null || tasks.isEmpty() || tasks.stream().anyMatch(t -> !t.contains(":") && !BEFORE_COMPILE.contains(t));
    }

    /** m2e marks its builds with the {@code m2e.version} property; Eclipse's own compiler then builds every source folder. */
    private boolean insideEclipse() {
        return session != null && (session.getUserProperties().containsKey("m2e.version")
                || session.getSystemProperties().containsKey("m2e.version"));
    }

    private void compileGenerated(OutputState state, String generation, Path sources, Path classes) throws MojoExecutionException {
        long start = System.nanoTime();
        List<Path> classpath = new ArrayList<>();
        try {
            for (String element : project.getCompileClasspathElements()) {
                Path path = Path.of(element).toAbsolutePath().normalize();
                if (!path.equals(classes)) {
                    classpath.add(path);
                }
            }
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("airgen: the compile class path is not resolved: " + e.getMessage(), e);
        }
        GeneratedClasses compiled = new GeneratedClasses(state.dir());
        try {
            String javaRelease = GeneratedClasses.release(release, Runtime.version().feature());
            String fingerprint = GeneratedClasses.fingerprint(generation, javaRelease, classpath);
            GeneratedClasses.Outcome outcome = compiled.sync(fingerprint, sources, classes, javaRelease, classpath);
            if (outcome.compiled()) {
                getLog().info(String.format("airgen: compiled the generated sources: %d class files, %d written, %d stale deleted (%d ms)",
                        outcome.classes(), outcome.written(), outcome.deleted(), millisSince(start)));
            } else {
                getLog().info(String.format("airgen: generated classes up to date (%d class files, %d ms)",
                        outcome.classes(), millisSince(start)));
            }
            CompilerStatus status = new CompilerStatus(Path.of(project.getBuild().getDirectory()));
            if (outcome.written() + outcome.deleted() > 0) {
                if (status.forget() > 0) {
                    getLog().info("airgen: the generated classes changed: maven-compiler-plugin compiles this module's own sources again");
                }
            } else if (status.claimsAny(compiled.listed()) && status.forget() > 0) {
                getLog().info("airgen: maven-compiler-plugin's record names generated class files (an earlier build compiled the "
                        + "generated sources as a source root); dropped, so that it does not delete them");
            }
        } catch (GeneratedClasses.CompileException e) {
            throw new MojoExecutionException("airgen: " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new MojoExecutionException("airgen: cannot compile the generated sources into " + classes + ": " + e.getMessage(), e);
        }
    }

    private GenerationResult generate(GeneratorConfig config) throws MojoFailureException {
        List<File> markerFiles = markerFiles(config.snapshot());
        markerFiles.forEach(buildContext::removeMessages);
        try {
            return Generator.filesOnly().generate(config);
        } catch (SchemaException e) {
            File where = messageFile(config.snapshot(), e.file());
            buildContext.addMessage(where, 0, 0, e.getMessage(), BuildContext.SEVERITY_ERROR, null);
            throw new MojoFailureException(e.getMessage(), e);
        } catch (ConfigurationException e) {
            // The setting lives in the POM: that is where an IDE shows it.
            if (project.getFile() != null) {
                buildContext.addMessage(project.getFile(), 0, 0, e.getMessage(), BuildContext.SEVERITY_ERROR, null);
            }
            throw new MojoFailureException("airgen: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoFailureException("airgen: cannot read " + config.snapshot() + ": " + e.getMessage(), e);
        }
    }

    private GeneratorConfig config(Path snapshotPath) throws MojoFailureException {
        try {
            return new GeneratorConfig(snapshotPath, packageName, clean(includes), clean(excludes));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("airgen: packageName: " + e.getMessage(), e);
        }
    }

    /** The non-blank entries of a configured list, trimmed (Maven passes blanks for empty elements). */
    static List<String> clean(List<String> globs) {
        List<String> out = new ArrayList<>();
        if (globs != null) {
            for (String glob : globs) {
                if (glob != null && !glob.isBlank()) {
                    out.add(glob.trim());
                }
            }
        }
        return out;
    }

    /** The configured snapshot, or null for the bundled one. */
    private Path explicitSnapshot() throws MojoFailureException {
        if (snapshot == null) {
            return null;
        }
        Path path = snapshot.toPath().toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new MojoFailureException("airgen: snapshot " + path + " does not exist (parameter 'snapshot', property airgen.snapshot)");
        }
        return path;
    }

    private Path bundledSnapshot() throws MojoFailureException {
        return BundledSnapshot.locate(GenerateMojo.class.getClassLoader()).orElseThrow(GenerateMojo::noBundledSnapshot);
    }

    private static MojoFailureException noBundledSnapshot() {
        return new MojoFailureException("airgen: no snapshot configured and airgen-model-schemas is not on the plugin's class path; set 'snapshot'");
    }

    /**
     * Everything the output depends on: the snapshot, the settings, and the plugin build. A single-file
     * snapshot is parsed to learn which files it reaches, unless {@code remembered} (a list kept from an
     * earlier build) is given; for any other snapshot a remembered list does not apply and null is returned.
     */
    private Fingerprint inputs(Path explicit, URL bundledMarker, GeneratorConfig settings, SnapshotInputs.Reached remembered)
            throws IOException {
        boolean singleFile = explicit != null && !Files.isDirectory(explicit);
        if (remembered != null && !singleFile) {
            return null;
        }
        Fingerprint fingerprint = new Fingerprint()
                .text("plugin", plugin.getGroupId() + ":" + plugin.getArtifactId() + ":" + plugin.getVersion())
                .text("packageName", settings.packageName())
                .text("includes", String.join("\n", settings.includes()))
                .text("excludes", String.join("\n", settings.excludes()));
        if (plugin.getVersion() != null && plugin.getVersion().endsWith("-SNAPSHOT")) {
            // A development version is rebuilt under the same number: the code that generates counts too.
            for (Map.Entry<String, Path> code : codeArtifacts().entrySet()) {
                fingerprint.file("code " + code.getKey(), code.getValue());
            }
        }
        if (singleFile) {
            // The name is part of the inputs: a list remembered for another file of the folder must not pass.
            fingerprint.text("snapshot", "file " + explicit.getFileName())
                    .reached(SnapshotInputs.root(explicit), remembered != null ? remembered : SnapshotInputs.reach(explicit));
        } else if (explicit != null) {
            fingerprint.text("snapshot", "folder").files(SnapshotInputs.of(explicit));
        } else {
            bundledInputs(fingerprint, bundledMarker);
        }
        return fingerprint;
    }

    /**
     * The bundled snapshot: when it sits in a jar, the jar's own bytes, which is cheaper than inflating
     * every schema and changes whenever any of them does; in a folder (a build of this project), its files.
     */
    private static void bundledInputs(Fingerprint fingerprint, URL marker) throws IOException {
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                String location = uri.getRawSchemeSpecificPart();
                Path archive = Path.of(URI.create(location.substring(0, location.indexOf("!/"))));
                fingerprint.text("snapshot", "bundled archive").file("archive", archive);
            } else {
                fingerprint.text("snapshot", "bundled folder").files(SnapshotInputs.of(Path.of(uri).getParent()));
            }
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new IOException("cannot locate the bundled snapshot " + marker + ": " + e.getMessage(), e);
        }
    }

    /** The bundled snapshot's {@code schema-map.json}, which tells where the bundled snapshot lives. */
    private static URL bundledMarker() throws MojoFailureException {
        URL marker = GenerateMojo.class.getClassLoader().getResource(BundledSnapshot.RESOURCE_DIR + "/schema-map.json");
        if (marker == null) {
            throw noBundledSnapshot();
        }
        return marker;
    }

    /** The jars (or class folders) of this plugin and of the generator. */
    private Map<String, Path> codeArtifacts() throws IOException {
        List<Artifact> artifacts = new ArrayList<>();
        if (plugin.getPluginArtifact() != null) {
            artifacts.add(plugin.getPluginArtifact());
        }
        if (plugin.getArtifacts() != null) {
            for (Artifact a : plugin.getArtifacts()) {
                if ("dev.airgen".equals(a.getGroupId()) && !"airgen-model-schemas".equals(a.getArtifactId())) {
                    artifacts.add(a);
                }
            }
        }
        Map<String, Path> files = new TreeMap<>();
        for (Artifact a : artifacts) {
            File file = a.getFile();
            if (file == null) {
                continue;
            }
            Path path = file.toPath();
            if (Files.isRegularFile(path)) {
                files.put(a.getArtifactId(), path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted()
                            .forEach(p -> files.put(a.getArtifactId() + "/" + path.relativize(p).toString().replace('\\', '/'), p));
                }
            }
        }
        return files;
    }

    private void addResourceRoot(Path resources) {
        String directory = resources.toString();
        for (Resource existing : project.getResources()) {
            if (directory.equals(existing.getDirectory())) {
                return;
            }
        }
        Resource resource = new Resource();
        resource.setDirectory(directory);
        project.addResource(resource);
    }

    /** The files an IDE should show markers on: the snapshot files, or the POM for the bundled snapshot. */
    private List<File> markerFiles(Path snapshotPath) {
        List<File> files = new ArrayList<>();
        if (isLocal(snapshotPath)) {
            try {
                SnapshotInputs.of(snapshotPath).values().forEach(p -> files.add(p.toFile()));
            } catch (IOException | UncheckedIOException ignored) {
                // the generator reports the unreadable file itself
            }
        }
        if (project.getFile() != null) {
            files.add(project.getFile());
        }
        return files;
    }

    private File messageFile(Path snapshotPath, String relative) {
        if (isLocal(snapshotPath)) {
            Path root = Files.isDirectory(snapshotPath) ? snapshotPath : snapshotPath.getParent();
            Path file = root.resolve(relative).normalize();
            if (Files.isRegularFile(file)) {
                return file.toFile();
            }
            if (Files.isRegularFile(snapshotPath)) {
                return snapshotPath.toFile();
            }
        }
        return project.getFile();
    }

    private static boolean isLocal(Path path) {
        return path.getFileSystem() == java.nio.file.FileSystems.getDefault();
    }

    /**
     * The state folder belongs to the output folder, not to an execution id, so that {@code mvn airgen:generate}
     * and the lifecycle execution share what they know about the files they both write.
     */
    private static String stateName(Path sources) {
        String hash = Fingerprint.ofText("outputDirectory", sources.toString());
        return sources.getFileName() + "-" + hash.substring(0, 8);
    }

    private static String describe(Path explicit) {
        return explicit == null ? "bundled snapshot" : "snapshot " + explicit;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
