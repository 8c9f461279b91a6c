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
            rows.computeIfAbsent(records, k -> new LinkedHashMap<>())
                    .put(name, new double[] {batchesPerSecond * records, bytesPerRecord, 100 * error / batchesPerSecond
                    });
        }
        System.out.println(
                "| records/batch | pipeline | records/s | ± (99.9%) | x floor | x typed peer | bytes allocated/record |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<Integer, Map<String, double[]>> size : rows.entrySet()) {
            double floor = size.getValue().getOrDefault("floorTokenPass", new double[] {Double.NaN})[0];
            double peer = size.getValue().getOrDefault("typedPeer", new double[] {Double.NaN})[0];
            for (Map.Entry<String, double[]> row : size.getValue().entrySet()) {
                double[] v = row.getValue();
                System.out.printf(
                        "| %d | %s | %,.0f | %.0f%% | %.2f | %.2f | %s |%n",
                        size.getKey(),
                        row.getKey(),
                        v[0],
                        v[2],
                        v[0] / floor,
                        v[0] / peer,
                        Double.isNaN(v[1]) ? "n/a" : String.format("%,.0f", v[1]));
            }
        }
    }
}
