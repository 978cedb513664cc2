package dev.airgen.benchmarks.incremental;

import dev.airgen.benchmarks.Section;
import dev.airgen.benchmarks.Stats;
import dev.airgen.benchmarks.Target;
import dev.airgen.schema.snapshot.BundledSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mvn compile} on a small consumer project that uses {@code airgen-maven-plugin}, through the Maven
 * wrapper: with nothing changed (the plugin's own time, read from Maven's time-stamped log, and the whole
 * build), and after one model's schema changed (generated files rewritten, classes recompiled). Skips with
 * a clear reason when the plugin is neither a module of this build nor in the local repository.
 */
public final class IncrementalBench {

    public static final String GOAL = "No-op incremental build: plugin time under 100 ms";
    static final String PLUGIN = "airgen-maven-plugin";
    static final String CHANGED_MODEL = "runware:101@1";
    private static final Pattern GOAL_HEADER = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[INFO\\] --- ([\\w.-]+?):");
    private static final Pattern STAMP = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) ");
    private static final Pattern NEXT_STEP = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) \\[INFO\\] (--- |-{20,}|BUILD )");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    /** How much to measure. */
    public record Settings(int noOpRuns, int editRuns, int changeRuns, long buildTimeoutSeconds) {
        public static Settings full() {
            return new Settings(11, 7, 3, 900);
        }

        public static Settings quick() {
            return new Settings(1, 1, 1, 900);
        }
    }

    public static final String GOAL_EDIT = "Edit loop: one user source edited costs at most 1.3× a no-op build, every model generated";
    public static final String GOAL_EDIT_LAYOUT = "Edit loop in the bindings-module layout (generation in a module of its own): "
            + "one application source edited costs at most 1.3× a no-op build";
    static final double EDIT_LIMIT = 1.3;
    static final String APP = "src/main/java/bench/consumer/app/App.java";

    /**
     * One build; {@code peakRssKiB} is the largest resident set any one of its processes reached, {@code treeRssKiB}
     * the largest sum of its processes' resident sets at one sample (0 when unknown).
     */
    private record Build(long totalNanos, long pluginNanos, int rewritten, int recompiled, long peakRssKiB, long treeRssKiB,
            String log) {
    }

    private final Settings settings;
    private final Path root;
    private final Path localRepo;
    private final Path work;
    private final PrintStream log;
    private String provenance = "";

    public IncrementalBench(Settings settings, Path root, Path localRepo, Path work, PrintStream log) {
        this.settings = settings;
        this.root = root.toAbsolutePath().normalize();
        this.localRepo = localRepo;
        this.work = work;
        this.log = log;
    }

    public Section run() throws Exception {
        String version = projectVersion();
        Optional<String> missing = ensurePlugin(version);
        if (missing.isPresent()) {
            String why = "plugin not available — " + missing.get();
            log.println("[incremental] " + why);
            return new Section("Incremental builds", "Not measured: " + why + ".\n\nOnce `" + PLUGIN + "` exists, the same "
                    + "command drives a consumer project (template: `benchmarks/src/main/resources/dev/airgen/benchmarks/"
                    + "incremental/consumer-pom.xml`) through the Maven wrapper: " + settings.noOpRuns() + " no-op `compile` "
                    + "runs (plugin time from Maven's time-stamped log, and the whole build), then " + settings.changeRuns()
                    + " runs after changing one description in `" + CHANGED_MODEL + "`'s request schema (generated "
                    + "files rewritten, classes recompiled).\n", List.of(Target.notMeasured(GOAL, why), Target.notMeasured(GOAL_EDIT, why),
                    Target.notMeasured(GOAL_EDIT_LAYOUT, why)));
        }
        Path consumer = consumer(version);
        log.println("[incremental] consumer project in " + consumer);
        // The plugin alone first (generation and its own compilation of the generated sources), for its memory.
        // A build that stops before compile leaves the compilation to a later build, so the build goes to compile with
        // maven-compiler-plugin skipped (maven.main.skip): the plugin's goal is the only work done.
        Build generateOnly = build(consumer, List.of("-Dmaven.main.skip=true"), "compile");
        log.printf(Locale.ROOT, "[incremental]   first build of the plugin alone: %.1f s, peak RSS %d MiB (one process), %d MiB (all)%n",
                generateOnly.totalNanos() / 1e9, generateOnly.peakRssKiB() / 1024, generateOnly.treeRssKiB() / 1024);
        dev.airgen.benchmarks.generation.GenerationBench.delete(consumer.resolve("target"));
        Build first = build(consumer);
        log.printf(Locale.ROOT, "[incremental]   first build: %.1f s, %d generated files, %d classes%n", first.totalNanos() / 1e9,
                first.rewritten(), first.recompiled());
        List<Build> noOps = new ArrayList<>();
        for (int i = 0; i < settings.noOpRuns(); i++) {
            Build b = build(consumer);
            noOps.add(b);
            log.printf(Locale.ROOT, "[incremental]   no-op: plugin %.0f ms, total %.1f s, %d rewritten, %d recompiled%n",
                    b.pluginNanos() / 1e6, b.totalNanos() / 1e9, b.rewritten(), b.recompiled());
        }
        long[] split = debugSplit(consumer);
        log.printf(Locale.ROOT, "[incremental]   no-op with -X: loading and configuring %.0f ms, execute %.0f ms%n",
                split[0] / 1e6, split[1] / 1e6);
        // Each edited build follows a no-op build of the same project, and the ratio is taken pair by pair, so drift
        // between the two series (other load, the disk cache) does not tilt the verdict.
        Pairs edits = pairs(consumer, "one user source edited", i -> writeApp(consumer, "edit " + (i + 1)));
        List<Build> changes = new ArrayList<>();
        for (int i = 0; i < settings.changeRuns(); i++) {
            changeOneSchema(consumer, i);
            Build b = build(consumer);
            changes.add(b);
            log.printf(Locale.ROOT, "[incremental]   one schema changed: plugin %.0f ms, total %.1f s, %d rewritten, %d recompiled%n",
                    b.pluginNanos() / 1e6, b.totalNanos() / 1e9, b.rewritten(), b.recompiled());
        }
        // The same generation in a module of its own, the application in another (the bindings-module layout).
        Path layout = bindingsLayout(consumer);
        build(layout);
        Pairs layoutEdits = pairs(layout, "bindings-module layout", i -> writeApp(layout.resolve("app"), "edit " + (i + 1)));
        // The control: the same project without AIRgen, so the ratio shows what Maven and javac cost by themselves.
        Path control = control(consumer);
        build(control);
        Pairs controlEdits = pairs(control, "control without AIRgen", i -> writeControlApp(control, "edit " + (i + 1)));
        return section(generateOnly, first, noOps, split, edits, changes, layoutEdits, controlEdits);
    }

    /**
     * The consumer project without AIRgen: the same pom less the plugin (the runtime stays a dependency), the
     * same wrapper, and an {@code App.java} that uses no generated class.
     */
    private static Path control(Path consumer) throws IOException {
        Path dir = Files.createDirectories(consumer.resolveSibling("control"));
        Files.writeString(dir.resolve("pom.xml"), withoutPlugin(Files.readString(consumer.resolve("pom.xml"))));
        copyWrapper(consumer, dir);
        writeControlApp(dir, "a lighthouse at dusk");
        return dir;
    }

    /** No-op builds each followed by a build after an edit, and the edited build's time over its no-op's, pair by pair. */
    private record Pairs(List<Build> noOps, List<Build> edits, double[] ratios) {
        double ratio() {
            return Stats.of(ratios).median();
        }
    }

    /** An edit of the project's own sources, the {@code i}-th of a series. */
    private interface Edit {
        void apply(int i) throws IOException;
    }

    private Pairs pairs(Path project, String what, Edit edit) throws Exception {
        List<Build> noOps = new ArrayList<>();
        List<Build> edits = new ArrayList<>();
        double[] ratios = new double[settings.editRuns()];
        for (int i = 0; i < settings.editRuns(); i++) {
            Build noOp = build(project);
            edit.apply(i);
            Build edited = build(project);
            noOps.add(noOp);
            edits.add(edited);
            ratios[i] = (double) edited.totalNanos() / noOp.totalNanos();
            log.printf(Locale.ROOT, "[incremental]   %s: no-op %.2f s, one source edited %.2f s (plugin %.0f ms), %.2f×, %d recompiled%n",
                    what, noOp.totalNanos() / 1e9, edited.totalNanos() / 1e9, edited.pluginNanos() / 1e6, ratios[i],
                    edited.recompiled());
        }
        return new Pairs(noOps, edits, ratios);
    }

    /**
     * The bindings-module layout: an aggregator with a module that only generates (the consumer's pom and
     * snapshot, no sources of its own) and an application module without the plugin that depends on it.
     */
    private static Path bindingsLayout(Path consumer) throws IOException {
        Path dir = Files.createDirectories(consumer.resolveSibling("layout"));
        Files.writeString(dir.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>bench.consumer</groupId>
                  <artifactId>airgen-consumer-layout</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules>
                    <module>bindings</module>
                    <module>app</module>
                  </modules>
                </project>
                """);
        Path bindings = Files.createDirectories(dir.resolve("bindings"));
        Files.copy(consumer.resolve("pom.xml"), bindings.resolve("pom.xml"), StandardCopyOption.REPLACE_EXISTING);
        copyTree(consumer.resolve("src/main/airgen"), bindings.resolve("src/main/airgen"));
        Path app = Files.createDirectories(dir.resolve("app"));
        String pom = withoutPlugin(Files.readString(consumer.resolve("pom.xml")))
                .replace("<artifactId>airgen-consumer</artifactId>", "<artifactId>airgen-consumer-app</artifactId>")
                .replace("<dependencies>", "<dependencies>\n    <dependency>\n      <groupId>bench.consumer</groupId>\n"
                        + "      <artifactId>airgen-consumer</artifactId>\n      <version>1</version>\n    </dependency>");
        Files.writeString(app.resolve("pom.xml"), pom);
        writeApp(app, "a lighthouse at dusk");
        copyWrapper(consumer, dir);
        return dir;
    }

    /** The consumer pom less the lines between its two airgen-plugin markers. */
    private static String withoutPlugin(String pom) {
        int start = pom.indexOf("<!-- airgen-plugin: start -->");
        int end = pom.indexOf("<!-- airgen-plugin: end -->");
        if (start < 0 || end < start) {
            throw new IllegalStateException("the consumer pom has no airgen-plugin markers");
        }
        return pom.substring(0, start) + pom.substring(end);
    }

    private static void writeControlApp(Path control, String text) throws IOException {
        Path app = control.resolve(APP);
        Files.createDirectories(app.getParent());
        Files.writeString(app, "package bench.consumer.app;\n\npublic final class App {\n    public static String prompt() {\n"
                + "        return \"" + text + "\";\n    }\n}\n");
    }

    /** The consumer's own code: one class that uses a generated one; {@code text} varies between edits. */
    private static void writeApp(Path consumer, String text) throws IOException {
        Path app = consumer.resolve(APP);
        Files.createDirectories(app.getParent());
        Files.writeString(app, "package bench.consumer.app;\n\nimport bench.consumer.runware.BflFlux1DevRequest;\n\n"
                + "public final class App {\n    public static BflFlux1DevRequest request() {\n"
                + "        return BflFlux1DevRequest.builder().positivePrompt(\"" + text + "\").build();\n    }\n}\n");
    }

    // ------------------------------------------------------------------ plugin availability

    private Optional<String> ensurePlugin(String version) throws Exception {
        boolean inReactor = Files.isRegularFile(root.resolve("maven-plugin/pom.xml"));
        if (inReactor) {
            // Install this build's plugin (and what the consumer needs) so the consumer measures this code.
            log.println("[incremental] installing " + PLUGIN + " and airgen-runtime from this build");
            // From a copy of the tree: a build against the suite's own repository must not leave its outputs (class
            // path files naming that repository) in this checkout's target folders.
            Path tree = copyTree(root, work.resolve("tree"));
            Process p = maven(tree, List.of("-B", "-q", "install", "-DskipTests", "-pl", "maven-plugin,runtime", "-am"),
                    work.resolve("install.log"));
            if (!p.waitFor(settings.buildTimeoutSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.of("installing the maven-plugin module failed; see the build output: "
                        + tail(work.resolve("install.log")));
            }
        }
        String jar = "dev/airgen/" + PLUGIN + "/" + version + "/" + PLUGIN + "-" + version + ".jar";
        Path installed = Files.isRegularFile(privateRepo().resolve(jar)) ? privateRepo().resolve(jar) : localRepo.resolve(jar);
        if (!Files.isRegularFile(installed)) {
            return Optional.of("`dev.airgen:" + PLUGIN + ":" + version + "` is neither a module of this build (no `maven-plugin/` "
                    + "folder) nor in the local repository");
        }
        provenance = inReactor
                ? "The plugin was built from this source tree and installed, at the start of this suite, into a local repository "
                        + "of the suite's own (which falls back to the user's for everything else)."
                : "The plugin is not a module of this source tree: the run used `dev.airgen:" + PLUGIN + ":" + version
                        + "` as found in the local repository (jar written " + Files.getLastModifiedTime(installed)
                        + "), together with the `airgen-runtime` found there, so these figures describe that build of the "
                        + "plugin, not code in this tree.";
        return Optional.empty();
    }

    /** A copy of the source tree without build outputs and version control. */
    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.filter(p -> {
                Path rel = from.relativize(p);
                for (Path part : rel) {
                    if (part.toString().equals("target") || part.toString().equals(".git")) {
                        return false;
                    }
                }
                return true;
            }).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }

    /** The root pom, parsed: the versions the consumer projects use come from it. */
    private Document rootPom() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
    }

    private String projectVersion() throws Exception {
        Document pom = rootPom();
        NodeList children = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("version")) {
                // A CI-friendly version names a property of the root pom.
                return property(pom, e.getTextContent().trim());
            }
        }
        throw new IllegalStateException("no <version> in " + root.resolve("pom.xml"));
    }

    /** A plugin version from the root pom's pluginManagement, so the consumer uses what this project pins. */
    private static String managedPluginVersion(Document pom, String artifactId) {
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            NodeList ids = plugin.getElementsByTagName("artifactId");
            NodeList versions = plugin.getElementsByTagName("version");
            if (ids.getLength() > 0 && ids.item(0).getTextContent().trim().equals(artifactId) && versions.getLength() > 0) {
                return property(pom, versions.item(0).getTextContent().trim());
            }
        }
        throw new IllegalStateException(artifactId + " has no pinned version in the root pom");
    }

    /** {@code value} itself, or when it is {@code ${name}}, the root pom's property of that name. */
    private static String property(Document pom, String value) {
        if (!value.startsWith("${") || !value.endsWith("}")) {
            return value;
        }
        String name = value.substring(2, value.length() - 1);
        NodeList found = pom.getElementsByTagName(name);
        for (int i = 0; i < found.getLength(); i++) {
            if ("properties".equals(found.item(i).getParentNode().getNodeName())) {
                return found.item(i).getTextContent().trim();
            }
        }
        throw new IllegalStateException("the root pom defines no property " + name);
    }

    // ------------------------------------------------------------------ the consumer project

    private Path consumer(String version) throws Exception {
        Path dir = Files.createDirectories(work.resolve("consumer"));
        String pom;
        try (InputStream in = IncrementalBench.class.getResourceAsStream("consumer-pom.xml")) {
            pom = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Document pinned = rootPom();
        pom = pom.replace("@AIRGEN_VERSION@", version)
                .replace("@COMPILER_VERSION@", managedPluginVersion(pinned, "maven-compiler-plugin"))
                .replace("@RESOURCES_VERSION@", managedPluginVersion(pinned, "maven-resources-plugin"));
        Files.writeString(dir.resolve("pom.xml"), pom);
        writeApp(dir, "a lighthouse at dusk");
        Path schemas = Files.createDirectories(dir.resolve("src/main/airgen"));
        Path bundled = BundledSnapshot.locate(IncrementalBench.class.getClassLoader())
                .orElseThrow(() -> new IllegalStateException("airgen-model-schemas is not on the class path"));
        for (String file : new String[] {"schema-map.json", "catalog.json"}) {
            if (Files.exists(bundled.resolve(file))) {
                try (InputStream in = Files.newInputStream(bundled.resolve(file))) {
                    Files.copy(in, schemas.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        copyWrapper(root, dir);
        return dir;
    }

    /** The Maven wrapper of {@code from} (script and properties), so {@code dir} builds with the same Maven. */
    private static void copyWrapper(Path from, Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".mvn/wrapper"));
        Files.copy(from.resolve(".mvn/wrapper/maven-wrapper.properties"), dir.resolve(".mvn/wrapper/maven-wrapper.properties"),
                StandardCopyOption.REPLACE_EXISTING);
        Files.copy(from.resolve("mvnw"), dir.resolve("mvnw"), StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(dir.resolve("mvnw"), EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    }

    /** Rewrites one property description of one model, a different text each time. */
    private static void changeOneSchema(Path consumer, int round) throws IOException {
        Path file = consumer.resolve("src/main/airgen/schema-map.json");
        JsonNode bundle = MAPPER.readTree(file.toFile());
        for (JsonNode entry : bundle.path("inference")) {
            if (CHANGED_MODEL.equals(entry.path("air").asString())) {
                ((ObjectNode) entry.path("requestSchema").path("properties").path("positivePrompt"))
                        .put("description", "What the image should show (benchmark edit " + (round + 1) + ").");
                MAPPER.writeValue(file.toFile(), bundle);
                return;
            }
        }
        throw new IllegalStateException(CHANGED_MODEL + " is not in the consumer's snapshot");
    }

    private Build build(Path consumer) throws Exception {
        return build(consumer, List.of(), "compile");
    }

    /**
     * One more no-op build with Maven's debug log, which marks where the plugin's configuration ends: the
     * part before is Maven resolving, loading and configuring the plugin, the part after is the plugin's
     * own work. Debug logging slows both parts, so only the split is used, not the sum.
     */
    private long[] debugSplit(Path consumer) throws Exception {
        Build b = build(consumer, List.of("-X"), "compile");
        return split(b.log());
    }

    /** {@code [loading and configuring, executing]} of the airgen goal in a debug log. */
    static long[] split(String log) {
        String[] lines = log.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = GOAL_HEADER.matcher(lines[i]);
            if (m.find() && m.group(2).equals("airgen")) {
                LocalTime begin = LocalTime.parse(m.group(1), CLOCK);
                LocalTime configured = null;
                for (int j = i + 1; j < lines.length; j++) {
                    Matcher any = STAMP.matcher(lines[j]);
                    if (configured == null && lines[j].contains("-- end configuration --") && any.find()) {
                        configured = LocalTime.parse(any.group(1), CLOCK);
                    }
                    Matcher next = NEXT_STEP.matcher(lines[j]);
                    if (next.find()) {
                        if (configured == null) {
                            throw new IllegalStateException("the debug log does not show where the plugin's configuration ends");
                        }
                        LocalTime end = LocalTime.parse(next.group(1), CLOCK);
                        return new long[] {between(begin, configured), between(configured, end)};
                    }
                }
            }
        }
        throw new IllegalStateException("the debug log shows no complete airgen goal");
    }

    private static long between(LocalTime a, LocalTime b) {
        long nanos = java.time.Duration.between(a, b).toNanos();
        return nanos < 0 ? nanos + TimeUnit.DAYS.toNanos(1) : nanos;
    }

    private Build build(Path consumer, List<String> extra, String phase) throws Exception {
        Map<Path, Long> sourcesBefore = generatedStamps(consumer);
        Map<Path, Long> classesBefore = stamps(consumer.resolve("target/classes"), ".class");
        Path logFile = work.resolve("consumer-build.log");
        long start = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("-B", phase, "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"));
        args.addAll(extra);
        Process p = maven(consumer, args, logFile);
        long peak = 0;
        long tree = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.buildTimeoutSeconds());
        while (p.isAlive() && System.nanoTime() < deadline) {
            ResidentSets memory = residentSets(p.toHandle());
            peak = Math.max(peak, memory.largestPeakKiB());
            tree = Math.max(tree, memory.sumKiB());
            p.waitFor(50, TimeUnit.MILLISECONDS);
        }
        if (!p.waitFor(1, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("consumer build did not finish within " + settings.buildTimeoutSeconds() + " s");
        }
        long total = System.nanoTime() - start;
        String output = Files.readString(logFile);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("consumer build failed (exit " + p.exitValue() + "): " + tail(logFile));
        }
        return new Build(total, output.contains("--- airgen:") ? pluginNanos(output) : 0, changed(sourcesBefore, generatedStamps(consumer)),
                changed(classesBefore, stamps(consumer.resolve("target/classes"), ".class")), peak, tree, output);
    }

    /**
     * Resident memory of a process and its descendants (the javac processes the plugin starts among them), in KiB
     * (0 when unknown): the largest high-water mark ({@code VmHWM}) of any one of them, and the sum of their current
     * resident sets ({@code VmRSS}).
     */
    private record ResidentSets(long largestPeakKiB, long sumKiB) {
    }

    /** {@link ResidentSets} read from {@code /proc} (Linux). */
    private static ResidentSets residentSets(ProcessHandle process) {
        long peak = 0;
        long sum = 0;
        for (ProcessHandle h : Stream.concat(Stream.of(process), process.descendants()).toList()) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(h.pid()), "status"))) {
                    if (line.startsWith("VmHWM:")) {
                        peak = Math.max(peak, Long.parseLong(line.replaceAll("[^0-9]", "")));
                    } else if (line.startsWith("VmRSS:")) {
                        sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // not Linux, or the process just ended
            }
        }
        return new ResidentSets(peak, sum);
    }

    private static String mib(long kib) {
        return kib == 0 ? "(unknown)" : String.valueOf(kib / 1024);
    }

    /**
     * The local repository of this suite's builds: installs go there, so the user's repository is never written;
     * it falls back to the user's one (Maven's read-only local repository tail) for everything else.
     */
    private Path privateRepo() {
        return work.resolve("repository");
    }

    private Process maven(Path dir, List<String> args, Path logFile) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(dir.resolve("mvnw").toString());
        command.add("-Dmaven.repo.local=" + privateRepo());
        command.add("-Dmaven.repo.local.tail=" + localRepo);
        command.addAll(args);
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
    }

    /**
     * Time from the plugin's goal header to the next goal header (or the end-of-build rule) in Maven's
     * time-stamped log. Maven logs a goal's header before it loads and configures the plugin, so class
     * loading is included.
     */
    static long pluginNanos(String log) {
        String[] lines = log.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            Matcher m = GOAL_HEADER.matcher(lines[i]);
            if (m.find() && m.group(2).equals("airgen")) {
                LocalTime begin = LocalTime.parse(m.group(1), CLOCK);
                for (int j = i + 1; j < lines.length; j++) {
                    Matcher next = NEXT_STEP.matcher(lines[j]);
                    if (next.find()) {
                        return between(begin, LocalTime.parse(next.group(1), CLOCK));
                    }
                }
                throw new IllegalStateException("the build log ends inside the airgen goal");
            }
        }
        throw new IllegalStateException("the build log shows no airgen goal; is the plugin bound in the consumer pom?");
    }

    /** Generated sources and generated resources (schemas, catalog) together. */
    private static Map<Path, Long> generatedStamps(Path consumer) throws IOException {
        Map<Path, Long> all = stamps(consumer.resolve("target/generated-sources"), "");
        all.putAll(stamps(consumer.resolve("target/generated-resources"), ""));
        return all;
    }

    private static Map<Path, Long> stamps(Path dir, String suffix) throws IOException {
        Map<Path, Long> out = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(suffix)).toList()) {
                out.put(p, Files.getLastModifiedTime(p).toMillis() ^ (Files.size(p) << 20));
            }
        }
        return out;
    }

    /** Files added, removed or touched between two listings. */
    private static int changed(Map<Path, Long> before, Map<Path, Long> after) {
        int n = 0;
        for (Map.Entry<Path, Long> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                n++;
            }
        }
        for (Path p : before.keySet()) {
            if (!after.containsKey(p)) {
                n++;
            }
        }
        return n;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" / ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private Section section(Build generateOnly, Build first, List<Build> noOps, long[] split, Pairs edited,
                            List<Build> changes, Pairs layout, Pairs control) {
        Stats controlNoOp = totals(control.noOps());
        Stats controlEdit = totals(control.edits());
        Stats editNoOp = totals(edited.noOps());
        Stats editTotal = totals(edited.edits());
        Stats editPlugin = plugins(edited.edits());
        Stats plugin = plugins(noOps);
        Stats total = totals(noOps);
        Stats changePlugin = plugins(changes);
        Stats changeTotal = totals(changes);
        StringBuilder md = new StringBuilder();
        md.append("A consumer project (the bundled snapshot copied into it, `airgen:generate` bound by default, "
                        + "`maven-compiler-plugin` ").append("as pinned in the root pom) built with `./mvnw -B compile` through "
                        + "the Maven wrapper. Plugin time runs from the plugin's goal header to the next goal's header in "
                        + "Maven's time-stamped log (millisecond clock); total is the wall time of the `mvnw` process, JVM "
                        + "start included. Files and classes count as rewritten/recompiled when their size or "
                        + "modification time changed; maven-compiler-plugin's incremental mode recompiles every source of "
                        + "a module once any of them changed, so the class count after a change reflects the compiler more "
                        + "than the generator; since the plugin compiles the generated sources itself (once per snapshot or "
                        + "configuration change), javac of maven-compiler-plugin sees only the consumer's `App.java`. "
                        + provenance + "\n\n");
        md.append("| build | runs | plugin time, median (min–max) | total, median (min–max) | generated files rewritten (sources and resources) | classes recompiled |\n");
        md.append("|---|---|---|---|---|---|\n");
        md.append("| first (clean: every model generated, compiled by the plugin, then `App.java`) | 1 | ").append(Stats.num(first.pluginNanos() / 1e6)).append(" ms | ")
                .append(Stats.num(first.totalNanos() / 1e9)).append(" s | ").append(first.rewritten()).append(" | ")
                .append(first.recompiled()).append(" |\n");
        md.append("| nothing changed | ").append(noOps.size()).append(" | ").append(plugin.format(1e6, "ms")).append(" | ")
                .append(total.format(1e9, "s")).append(" | ").append(range(noOps, Build::rewritten)).append(" | ")
                .append(range(noOps, Build::recompiled)).append(" |\n");
        md.append("| nothing changed, each before an edited build below | ").append(edited.noOps().size()).append(" | – | ")
                .append(editNoOp.format(1e9, "s")).append(" | ").append(range(edited.noOps(), Build::rewritten)).append(" | ")
                .append(range(edited.noOps(), Build::recompiled)).append(" |\n");
        md.append("| one user source edited (`App.java`, the consumer's only class) | ").append(edited.edits().size())
                .append(" | ").append(editPlugin.format(1e6, "ms")).append(" | ").append(editTotal.format(1e9, "s"))
                .append(" | ").append(range(edited.edits(), Build::rewritten)).append(" | ").append(range(edited.edits(), Build::recompiled))
                .append(" |\n");
        md.append("| one schema changed (`").append(CHANGED_MODEL).append("`, one description) | ").append(changes.size())
                .append(" | ").append(changePlugin.format(1e6, "ms")).append(" | ").append(changeTotal.format(1e9, "s"))
                .append(" | ").append(range(changes, Build::rewritten)).append(" | ").append(range(changes, Build::recompiled))
                .append(" |\n");
        md.append("| bindings-module layout, nothing changed (both modules) | ").append(layout.noOps().size()).append(" | ")
                .append(plugins(layout.noOps()).format(1e6, "ms")).append(" | ")
                .append(totals(layout.noOps()).format(1e9, "s")).append(" | ").append(range(layout.noOps(), Build::rewritten))
                .append(" | – |\n");
        md.append("| bindings-module layout, the application module's `App.java` edited | ").append(layout.edits().size()).append(" | ")
                .append(plugins(layout.edits()).format(1e6, "ms")).append(" | ")
                .append(totals(layout.edits()).format(1e9, "s")).append(" | ").append(range(layout.edits(), Build::rewritten))
                .append(" | – |\n");
        md.append("| control: the same project without AIRgen, nothing changed | ").append(control.noOps().size())
                .append(" | – | ").append(controlNoOp.format(1e9, "s")).append(" | – | ").append(range(control.noOps(), Build::recompiled))
                .append(" |\n");
        md.append("| control: the same project without AIRgen, its `App.java` edited | ").append(control.edits().size())
                .append(" | – | ").append(controlEdit.format(1e9, "s")).append(" | – | ").append(range(control.edits(), Build::recompiled))
                .append(" |\n");
        double controlRatio = control.ratio();
        double addedByEdit = (editTotal.median() - editNoOp.median()) - (controlEdit.median() - controlNoOp.median());
        md.append(String.format(Locale.ROOT, "%nThe control (the plugin left out of the pom, the runtime still a dependency, an "
                + "`App.java` that uses no generated class; a no-op and an edited build taking turns) shows what Maven and javac "
                + "cost by themselves: editing its one class costs %.2f× its no-op build (%s s vs %s s). With AIRgen, an edit adds "
                + "%s s to a no-op build against %s s without, so AIRgen's own part of an edit is %s ms: what "
                + "javac and maven-compiler-plugin do more when the generated classes are there (javac lists the generated "
                + "package, thousands of class files with the nested types, to resolve the names `App.java` uses; "
                + "maven-compiler-plugin's incremental bookkeeping walks the larger `target/classes`).%n",
                controlRatio, Stats.num(controlEdit.median() / 1e9), Stats.num(controlNoOp.median() / 1e9),
                Stats.num((editTotal.median() - editNoOp.median()) / 1e9), Stats.num((controlEdit.median() - controlNoOp.median()) / 1e9),
                Stats.num(addedByEdit / 1e6)));
        md.append(String.format(Locale.ROOT, "%nThe bindings-module layout puts the same plugin configuration and snapshot in a "
                + "module of their own and `App.java` in a second module that depends on it (an aggregator builds both); its "
                + "application module's `target/classes` holds only `App.class`, so maven-compiler-plugin's bookkeeping there "
                + "walks one file, while javac still reads the generated package from the bindings module's classes. Editing "
                + "`App.java` there costs %.2f× the layout's no-op build (%s s vs %s s).%n",
                layout.ratio(), Stats.num(totals(layout.edits()).median() / 1e9), Stats.num(totals(layout.noOps()).median() / 1e9)));
        md.append(String.format(Locale.ROOT, "%nOne more no-op build with `-X` splits the plugin's time: %s ms from the goal's "
                + "header to the end of its configuration (Maven resolving, loading and configuring the plugin in a fresh JVM) "
                + "and %s ms in the plugin's own execution (debug logging slows both; only the split is meaningful).%n",
                Stats.num(split[0] / 1e6), Stats.num(split[1] / 1e6)));
        md.append(String.format(Locale.ROOT, "%nMemory: in the first build, no one process went above a resident set of %s MiB "
                + "and all of them together never above %s MiB at one sample; a first `compile -Dmaven.main.skip=true` (the plugin alone, generating "
                + "every model in Maven's JVM and compiling the generated sources in the javac processes it starts; %s s): %s MiB "
                + "and %s MiB. The first figure is the largest resident-set high-water mark (`VmHWM`) of any process of the "
                + "`mvnw` process tree, the second the largest sum of their resident sets (`VmRSS`) at one sample, sampled "
                + "every 50 ms; Maven's own footprint is included.%n",
                mib(first.peakRssKiB()), mib(first.treeRssKiB()), Stats.num(generateOnly.totalNanos() / 1e9),
                mib(generateOnly.peakRssKiB()), mib(generateOnly.treeRssKiB())));
        double editRatio = edited.ratio();
        Target edit = Target.judged(GOAL_EDIT, editRatio <= EDIT_LIMIT,
                String.format(Locale.ROOT, "%.2f× (median of %d edited builds each over the no-op build before it; per pair %s)",
                        editRatio, edited.ratios().length, perPair(edited.ratios())),
                editRatio <= EDIT_LIMIT ? String.format(Locale.ROOT, "within the limit; the generated classes are compiled by "
                        + "the plugin once per snapshot change, so javac of maven-compiler-plugin recompiles %s class(es)",
                        range(edited.edits(), Build::recompiled))
                        : String.format(Locale.ROOT, "%.2f× over the limit; classes recompiled per edit: %s. The same project "
                        + "without AIRgen: %.2f× (see the control rows)", editRatio - EDIT_LIMIT, range(edited.edits(), Build::recompiled),
                        controlRatio));
        double layoutRatio = layout.ratio();
        Target layoutEdit = Target.judged(GOAL_EDIT_LAYOUT, layoutRatio <= EDIT_LIMIT,
                String.format(Locale.ROOT, "%.2f× (median of %d pairs; per pair %s)", layoutRatio, layout.ratios().length,
                        perPair(layout.ratios())),
                layoutRatio <= EDIT_LIMIT
                        ? String.format(Locale.ROOT, "within the limit; the control without AIRgen: %.2f×", controlRatio)
                        : String.format(Locale.ROOT, "%.2f× over the limit; the control without AIRgen: %.2f×", layoutRatio - EDIT_LIMIT,
                                controlRatio));
        double ms = plugin.median() / 1e6;
        double share = (double) split[0] / (split[0] + split[1]);
        Target t = Target.judged(GOAL, ms < 100, String.format(Locale.ROOT, "%s ms median (%s–%s), whole build %s s",
                        Stats.num(ms), Stats.num(plugin.min() / 1e6), Stats.num(plugin.max() / 1e6), Stats.num(total.median() / 1e9)),
                ms < 100 ? String.format(Locale.ROOT, "%.0f%% under the limit", (1 - ms / 100) * 100)
                        : String.format(Locale.ROOT, "%.1f× the limit (%.0f ms over). In the -X split, %.0f%% of the plugin's "
                                + "time is Maven resolving, loading and configuring it (every `mvn` run starts a fresh JVM) "
                                + "and %.0f%% its own up-to-date check", ms / 100, ms - 100, share * 100, (1 - share) * 100));
        return new Section("Incremental builds", md.toString(), List.of(t, edit, layoutEdit));
    }

    private static Stats totals(List<Build> builds) {
        return Stats.of(builds.stream().mapToDouble(Build::totalNanos).toArray());
    }

    private static Stats plugins(List<Build> builds) {
        return Stats.of(builds.stream().mapToDouble(Build::pluginNanos).toArray());
    }

    private static String perPair(double[] ratios) {
        StringBuilder out = new StringBuilder();
        for (double r : ratios) {
            out.append(out.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f×", r));
        }
        return out.toString();
    }

    private static String range(List<Build> builds, java.util.function.ToIntFunction<Build> f) {
        int min = builds.stream().mapToInt(f).min().orElse(0);
        int max = builds.stream().mapToInt(f).max().orElse(0);
        return min == max ? String.valueOf(min) : min + "–" + max;
    }
}
