package io.github.dynastream.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a JMH JSON result file into the README's table: records per second, the ratio to the floor
 * (token pass) and to the typed peer, and bytes allocated per record.
 *
 * <p>Ratios are given twice: from JMH's mean scores, and from each benchmark's best measurement
 * iteration. On a shared machine, interference only ever slows a benchmark down, so the best
 * iteration is the least disturbed estimate of what the code costs; the mean shows the spread.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.github.dynastream.benchmarks.Report results.json}
 */
public final class Report {
    private Report() {}

    public static void main(String[] args) throws Exception {
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        // records -> benchmark -> [records/s, bytes/record]
        Map<Integer, Map<String, double[]>> rows = new TreeMap<>();
        for (JsonNode result : results) {
            String name = result.get("benchmark").asText().replaceAll(".*\\.", "");
            int records = result.at("/params/records").asInt();
            double batchesPerSecond = result.at("/primaryMetric/score").asDouble();
            double error = result.at("/primaryMetric/scoreError").asDouble();
            JsonNode alloc = result.at("/secondaryMetrics/gc.alloc.rate.norm/score");
            double bytesPerRecord = alloc.isMissingNode() ? Double.NaN : alloc.asDouble() / records;
            double best = Double.NaN;
            for (JsonNode fork : result.at("/primaryMetric/rawData")) {
                for (JsonNode iteration : fork) {
                    best = Double.isNaN(best) ? iteration.asDouble() : Math.max(best, iteration.asDouble());
                }
            }
            rows.computeIfAbsent(records, k -> new LinkedHashMap<>()).put(name, new double[] {
                batchesPerSecond * records, bytesPerRecord, 100 * error / batchesPerSecond, best * records
            });
        }
        System.out.println("| records/batch | pipeline | records/s (mean) | ± (99.9%) | x floor | x typed peer"
                + " | best iteration: x floor | x typed peer | bytes allocated/record |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        double[] missing = {Double.NaN, Double.NaN, Double.NaN, Double.NaN};
        for (Map.Entry<Integer, Map<String, double[]>> size : rows.entrySet()) {
            double[] floor = size.getValue().getOrDefault("floorTokenPass", missing);
            double[] peer = size.getValue().getOrDefault("typedPeer", missing);
            for (Map.Entry<String, double[]> row : size.getValue().entrySet()) {
                double[] v = row.getValue();
                System.out.printf(
                        "| %d | %s | %,.0f | %.0f%% | %.2f | %.2f | %.2f | %.2f | %s |%n",
                        size.getKey(),
                        row.getKey(),
                        v[0],
                        v[2],
                        v[0] / floor[0],
                        v[0] / peer[0],
                        v[3] / floor[3],
                        v[3] / peer[3],
                        Double.isNaN(v[1]) ? "n/a" : String.format("%,.0f", v[1]));
            }
        }
    }
}
