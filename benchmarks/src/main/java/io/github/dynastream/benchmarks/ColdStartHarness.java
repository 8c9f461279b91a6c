package io.github.dynastream.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link ColdStart} in a fresh JVM per run with Lambda's JVM flags, for each pipeline, and
 * prints the median time from main to the first 100-record batch processed and the median max RSS.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.dynastream.benchmarks.ColdStartHarness [runs]
 * [priming]}. With {@code priming}, it compares each dynastream pipeline without and with {@link
 * io.github.dynastream.StreamProcessor#prime()}, primed and unprimed runs alternating: main to the
 * first batch done (building and priming included) and the first batch's own time (priming done
 * before its timer starts).
 */
public final class ColdStartHarness {
    static final List<String> LAMBDA_FLAGS =
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    private static final List<String> PIPELINES = List.of("typed-peer", "dynastream-jackson", "dynastream-tableschema");

    private ColdStartHarness() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        Path event = Files.createTempFile("orders-100-", ".json");
        Files.write(event, Workload.event(100, 42));
        if (args.length > 1 && args[1].equals("priming")) {
            priming(runs, event);
            Files.deleteIfExists(event);
            return;
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        String classpath = System.getProperty("java.class.path");
        System.out.println(
                "| pipeline | median main -> first batch (ms) | median max RSS (MB) | ratio to typed peer |");
        System.out.println("|---|---|---|---|");
        double peer = 0;
        for (String pipeline : PIPELINES) {
            List<Double> millis = new ArrayList<>();
            List<Long> rss = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                List<String> command = new ArrayList<>();
                command.add(java);
                command.addAll(LAMBDA_FLAGS);
                command.addAll(List.of("-cp", classpath, ColdStart.class.getName(), pipeline, event.toString()));
                Process process =
                        new ProcessBuilder(command).redirectErrorStream(true).start();
                String last = null;
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null; ) {
                        last = line;
                    }
                }
                if (process.waitFor() != 0 || last == null) {
                    throw new IllegalStateException(pipeline + " run " + run + " failed: " + last);
                }
                String[] parts = last.trim().split(" ");
                millis.add(Double.parseDouble(parts[0]));
                rss.add(Long.parseLong(parts[1]));
            }
            double medianMillis = median(millis);
            if (pipeline.equals("typed-peer")) {
                peer = medianMillis;
            }
            long medianRss = (long) median(rss.stream().map(Long::doubleValue).toList());
            System.out.printf(
                    "| %s | %.0f | %.0f | %.2fx |%n", pipeline, medianMillis, medianRss / 1024.0, medianMillis / peer);
        }
        Files.deleteIfExists(event);
    }

    private static final List<String> PRIMED_PIPELINES = List.of("dynastream-jackson", "dynastream-tableschema");

    private static void priming(int runs, Path event) throws Exception {
        System.out.println("| pipeline | priming | median main -> first batch (ms) | median first batch alone (ms)"
                + " | median priming (ms) | median max RSS (MB) |");
        System.out.println("|---|---|---|---|---|---|");
        for (String pipeline : PRIMED_PIPELINES) {
            List<List<String>> unprimed = new ArrayList<>();
            List<List<String>> primed = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                unprimed.add(coldStart(pipeline, event, "unprimed", run));
                primed.add(coldStart(pipeline, event, "primed", run));
            }
            printPriming(pipeline, "without", unprimed);
            printPriming(pipeline, "with prime()", primed);
        }
    }

    private static void printPriming(String pipeline, String priming, List<List<String>> runs) {
        System.out.printf(
                "| %s | %s | %.0f | %.1f | %.1f | %.0f |%n",
                pipeline,
                priming,
                median(column(runs, 0)),
                median(column(runs, 2)),
                median(column(runs, 3)),
                median(column(runs, 1)) / 1024.0);
    }

    private static List<Double> column(List<List<String>> runs, int index) {
        return runs.stream().map(r -> Double.parseDouble(r.get(index))).toList();
    }

    /** One fresh JVM with Lambda's flags; its output line split into numbers. */
    private static List<String> coldStart(String pipeline, Path event, String mode, int run) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(LAMBDA_FLAGS);
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                ColdStart.class.getName(),
                pipeline,
                event.toString(),
                mode));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String last = null;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IllegalStateException(pipeline + " " + mode + " run " + run + " failed: " + last);
        }
        return List.of(last.trim().split(" "));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
