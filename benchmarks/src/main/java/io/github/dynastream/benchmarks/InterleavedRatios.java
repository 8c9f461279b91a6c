package io.github.dynastream.benchmarks;

import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ratios that hold up on a shared machine. JMH measures one benchmark after another, so a slow spell
 * on the machine can land on one pipeline and not on the one it is compared with. Here every round
 * runs every pipeline once, back to back, on the same batch; a pipeline's score is its best round
 * (other work only ever slows a round down) and, for the spread, its median round.
 *
 * <p>Run it with the JVM flags to measure under, e.g. Lambda's: {@code java -XX:TieredStopAtLevel=1
 * -XX:+UseSerialGC -cp benchmarks.jar io.github.dynastream.benchmarks.InterleavedRatios [rounds [sizes]]},
 * sizes as a comma-separated list of records per batch (default {@code 100,1000,10000})
 */
public final class InterleavedRatios {
    private static final int RECORDS_PER_ROUND = 20_000;
    private static final int WARM_UP_ROUNDS = 5;

    private InterleavedRatios() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        System.out.println("| records/batch | pipeline | best round: records/s | x floor | x typed peer"
                + " | median round: x floor | x typed peer |");
        System.out.println("|---|---|---|---|---|---|---|");
        int[] sizes = args.length > 1
                ? java.util.Arrays.stream(args[1].split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray()
                : new int[] {100, 1_000, 10_000};
        for (int records : sizes) {
            report(records, measure(records, rounds));
        }
    }

    private static Map<String, List<Double>> measure(int records, int rounds) {
        byte[] event = Workload.event(records, 42);
        Pipelines.checkSameItems(event);
        Pipelines.RuntimeDeserializer runtime = new Pipelines.RuntimeDeserializer();
        Pipelines.TypedPeer peer = new Pipelines.TypedPeer();
        StreamProcessor jackson = Pipelines.jacksonProcessor(new Pipelines.NoOpHandler());
        StreamProcessor tableSchema = Pipelines.tableSchemaProcessor(new Pipelines.NoOpHandler());
        Map<String, Runnable> pipelines = new LinkedHashMap<>();
        pipelines.put("floorTokenPass", () -> Pipelines.tokenPass(event));
        pipelines.put("floorWithStrings", () -> Pipelines.tokenPassWithStrings(event));
        pipelines.put("runtimeDeserializer", () -> runtime.deserialize(event));
        pipelines.put("typedPeer", () -> peer.process(event));
        pipelines.put("dynastreamStreamJackson", () -> jackson.process(new ByteArrayInputStream(event)));
        Pipelines.BaseHandler baseHandler = new Pipelines.BaseHandler(new Pipelines.NoOpHandler());
        pipelines.put("dynastreamBaseHandler", () -> baseHandler.process(event));
        pipelines.put("dynastreamStreamTableSchema", () -> tableSchema.process(new ByteArrayInputStream(event)));
        pipelines.put("dynastreamEventJackson", () -> jackson.process(runtime.deserialize(event)));
        pipelines.put("dynastreamEventTableSchema", () -> tableSchema.process(runtime.deserialize(event)));
        int batches = Math.max(1, RECORDS_PER_ROUND / records);
        Map<String, List<Double>> rates = new LinkedHashMap<>();
        for (int round = 0; round < WARM_UP_ROUNDS + rounds; round++) {
            for (Map.Entry<String, Runnable> pipeline : pipelines.entrySet()) {
                long start = System.nanoTime();
                for (int i = 0; i < batches; i++) {
                    pipeline.getValue().run();
                }
                double recordsPerSecond = (double) batches * records / ((System.nanoTime() - start) / 1e9);
                if (round >= WARM_UP_ROUNDS) {
                    rates.computeIfAbsent(pipeline.getKey(), k -> new ArrayList<>())
                            .add(recordsPerSecond);
                }
            }
        }
        return rates;
    }

    private static void report(int records, Map<String, List<Double>> rates) {
        double floorBest = best(rates.get("floorTokenPass"));
        double peerBest = best(rates.get("typedPeer"));
        double floorMedian = ColdStartHarness.median(rates.get("floorTokenPass"));
        double peerMedian = ColdStartHarness.median(rates.get("typedPeer"));
        for (Map.Entry<String, List<Double>> pipeline : rates.entrySet()) {
            double best = best(pipeline.getValue());
            double median = ColdStartHarness.median(pipeline.getValue());
            System.out.printf(
                    "| %d | %s | %,.0f | %.2f | %.2f | %.2f | %.2f |%n",
                    records,
                    pipeline.getKey(),
                    best,
                    best / floorBest,
                    best / peerBest,
                    median / floorMedian,
                    median / peerMedian);
        }
    }

    private static double best(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
