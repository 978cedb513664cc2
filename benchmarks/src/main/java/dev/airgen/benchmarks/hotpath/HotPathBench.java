package dev.airgen.benchmarks.hotpath;

import dev.airgen.benchmarks.Section;
import dev.airgen.benchmarks.Stats;
import dev.airgen.benchmarks.Target;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link HotPaths} under JMH and reports each benchmark's median over measurement iterations. */
public final class HotPathBench {

    public static final String GOAL_VALIDATE = "Validation of a typical request under 20 µs warm";

    /** How much JMH measures. */
    public record Settings(int forks, int warmups, TimeValue warmupTime, int iterations, TimeValue iterationTime) {
        public static Settings full() {
            return new Settings(1, 3, TimeValue.seconds(1), 6, TimeValue.seconds(1));
        }

        public static Settings quick() {
            return new Settings(1, 1, TimeValue.milliseconds(200), 2, TimeValue.milliseconds(200));
        }
    }

    private final Settings settings;
    private final PrintStream log;

    public HotPathBench(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    public Section run() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(HotPaths.class.getName() + "\\.")
                .forks(settings.forks())
                .warmupIterations(settings.warmups())
                .warmupTime(settings.warmupTime())
                .measurementIterations(settings.iterations())
                .measurementTime(settings.iterationTime())
                .jvmArgs("-Xms512m", "-Xmx512m")
                .verbosity(VerboseMode.SILENT)
                .build();
        log.println("[jmh] " + HotPaths.class.getSimpleName() + ": " + settings);
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Stats> byName = new LinkedHashMap<>();
        for (RunResult run : results) {
            String name = run.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult fork : run.getBenchmarkResults()) {
                for (IterationResult it : fork.getIterationResults()) {
                    scores.add(it.getPrimaryResult().getScore());
                }
            }
            Stats s = Stats.of(scores);
            byName.put(name, s);
            log.printf(Locale.ROOT, "[jmh]   %s: %s%n", name, s.format(1000, "µs"));
        }
        return section(byName);
    }

    private Section section(Map<String, Stats> r) {
        StringBuilder md = new StringBuilder();
        md.append("JMH ").append(org.openjdk.jmh.util.Version.getPlainVersion()).append(", average time per operation; ").append(settings.forks()).append(" fork (`-Xms512m -Xmx512m`), ")
                .append(settings.warmups()).append(" × ").append(settings.warmupTime()).append(" warm-up, ")
                .append(settings.iterations()).append(" × ").append(settings.iterationTime())
                .append(" measured iterations; median over iterations (min–max). Requests: FLUX.1 [dev] "
                        + "(`runware:101@1`) text-to-image with one LoRA; Kling 3.0 Pro (`klingai:kling-video@3-pro`) with "
                        + "reference image and video and `providerSettings.klingai`. Building includes a fresh random "
                        + "`taskUUID` in every variant (the generated builders make one).\n\n");
        md.append("| operation | FLUX | Kling |\n|---|---|---|\n");
        row(md, "build + serialize, generated class", r.get("fluxBuildSerialize"), r.get("klingBuildSerialize"));
        row(md, "build + serialize, Jackson alone (hand-built tree)", r.get("fluxJacksonOnly"), r.get("klingJacksonOnly"));
        row(md, "build + tree + validate + serialize (the client's path)", r.get("fluxBuildValidateSerialize"), r.get("klingBuildValidateSerialize"));
        row(md, "build + tree + serialize, no validation", r.get("fluxBuildTreeSerialize"), r.get("klingBuildTreeSerialize"));
        row(md, "validate (runtime `SchemaValidator`: its shortcut proves the request valid, networknt is not needed; warm)", r.get("fluxValidate"), r.get("klingValidate"));
        row(md, "validate (networknt used directly, on the whole schema: the runtime compiles it without annotations)", r.get("fluxValidateNetworkntDirect"), r.get("klingValidateNetworkntDirect"));
        md.append("\n| operation | FLUX result |\n|---|---|\n");
        md.append("| deserialize into the generated result class | ").append(r.get("resultDeserialize").format(1000, "µs")).append(" |\n");
        md.append("| parse into a Jackson tree | ").append(r.get("resultJacksonTree").format(1000, "µs")).append(" |\n\n");
        md.append(String.format(Locale.ROOT, "Ratios from this run (medians): the client's path over Jackson alone — FLUX "
                        + "%.2f×, Kling %.2f×; over serializing the generated class without validation — FLUX %.2f×, Kling "
                        + "%.2f×; the runtime validator over networknt directly — FLUX %.2f×, Kling %.2f×; typed result over "
                        + "tree — %.2f×.%n",
                ratio(r, "fluxBuildValidateSerialize", "fluxJacksonOnly"), ratio(r, "klingBuildValidateSerialize", "klingJacksonOnly"),
                ratio(r, "fluxBuildValidateSerialize", "fluxBuildSerialize"), ratio(r, "klingBuildValidateSerialize", "klingBuildSerialize"),
                ratio(r, "fluxValidate", "fluxValidateNetworkntDirect"), ratio(r, "klingValidate", "klingValidateNetworkntDirect"),
                ratio(r, "resultDeserialize", "resultJacksonTree")));
        List<Target> targets = new ArrayList<>();
        for (String model : new String[] {"flux", "kling"}) {
            String label = model.equals("flux") ? "FLUX" : "Kling";
            Stats v = r.get(model + "Validate");
            double us = v.median() / 1000;
            double direct = r.get(model + "ValidateNetworkntDirect").median() / 1000;
            targets.add(Target.judged(GOAL_VALIDATE + " — " + label, us < 20,
                    String.format(Locale.ROOT, "%s µs median (%s–%s)", Stats.num(us), Stats.num(v.min() / 1000), Stats.num(v.max() / 1000)),
                    us < 20 ? String.format(Locale.ROOT, "%.0f%% under the limit", (1 - us / 20) * 100)
                            : String.format(Locale.ROOT, "%.1f× the limit. networknt alone takes %s µs on the same tree, so "
                                    + "%s of the time is the validator library itself", us / 20, Stats.num(direct),
                            direct >= us * 0.8 ? "nearly all" : String.format(Locale.ROOT, "%.0f%%", 100 * direct / us))));
        }
        return new Section("Runtime hot paths (JMH)", md.toString(), targets);
    }

    private static void row(StringBuilder md, String what, Stats flux, Stats kling) {
        md.append("| ").append(what).append(" | ").append(flux.format(1000, "µs")).append(" | ")
                .append(kling.format(1000, "µs")).append(" |\n");
    }

    private static double ratio(Map<String, Stats> r, String a, String b) {
        return r.get(a).median() / r.get(b).median();
    }

    public static List<String> goals() {
        return List.of(GOAL_VALIDATE);
    }
}
