package dev.airgen.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Writes docs/benchmarks.md from what this run measured; nothing in it is typed by hand. */
final class Report {

    private Report() {
    }

    static void write(Path file, String command, String mode, ZonedDateTime started, Duration took, String loadAtStart,
                      String loadAtEnd, List<Section> sections) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("<!-- Written by dev.airgen.benchmarks.BenchmarkRunner; rerun the command below instead of editing. -->\n\n");
        md.append("Every figure below comes from one run of the command below, which rewrote this file. Medians are "
                + "followed by their spread (min–max); ratios compare tools measured side by side in that same run.\n\n");
        md.append("## How to run\n\n```\n").append(command).append("\n```\n\n");
        md.append("`-DskipTests` keeps the other modules' test suites (which `./mvnw -B verify` runs) out of the benchmark "
                + "run; the command works without it too. `./mvnw -B verify` never runs a benchmark: the module only "
                + "compiles there. Add "
                + "`-Dairgen.bench.mode=quick` for a smoke run with tiny counts (its numbers mean nothing), or "
                + "`-Dairgen.bench.only=generation,cli,jmh,client,coldstart,incremental` to run a subset (the others are then "
                + "reported as not measured).\n\n");
        md.append("## Machine and run\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append(" |\n");
        md.append("| mode | ").append(mode).append(" |\n");
        md.append("| duration | ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s |\n");
        md.append("| CPU | ").append(Machine.cpuModel()).append(", ").append(Machine.cores()).append(" cores available to the JVM |\n");
        md.append("| memory | ").append(String.format(Locale.ROOT, "%.1f GiB", Machine.memoryGiB())).append(" |\n");
        md.append("| JDK | ").append(Machine.jdk()).append(" |\n");
        md.append("| OS | ").append(Machine.os()).append(" |\n");
        md.append("| runner JVM options | `").append(Machine.jvmArgs()).append("` |\n");
        md.append("| load average at start (1 / 5 / 15 min) | ").append(loadAtStart).append(" |\n");
        md.append("| load average at end | ").append(loadAtEnd).append(" |\n\n");
        double start = parseFirst(loadAtStart);
        double end = parseFirst(loadAtEnd);
        if (Math.max(start, end) >= Machine.cores() / 2.0) {
            md.append(String.format(Locale.ROOT, "**The machine was not idle:** the one-minute load average was %.2f when "
                    + "the run started and %.2f when it ended, on %d cores, so other processes competed for the CPU during "
                    + "at least part of the run. Absolute times are pessimistic and spreads wider; ratios measured side by "
                    + "side are affected less, but not immune.%n%n", start, end, Machine.cores()));
        } else if (start >= 0) {
            md.append(String.format(Locale.ROOT, "The machine was close to idle: one-minute load average %.2f at the start "
                    + "and %.2f at the end, on %d cores.%n%n", start, end, Machine.cores()));
        }
        md.append("## Targets\n\n| goal | verdict | measured | by how much, and why |\n|---|---|---|---|\n");
        for (Section s : sections) {
            for (Target t : s.targets()) {
                md.append("| ").append(cell(t.goal())).append(" | **").append(t.status()).append("** | ")
                        .append(cell(t.measured())).append(" | ").append(cell(t.note())).append(" |\n");
            }
        }
        md.append('\n');
        for (Section s : sections) {
            md.append("## ").append(s.title()).append("\n\n").append(s.markdown().strip()).append("\n\n");
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, md.toString().strip() + "\n", StandardCharsets.UTF_8);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private static double parseFirst(String load) {
        try {
            return Double.parseDouble(load.split("[ /]+")[0]);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
