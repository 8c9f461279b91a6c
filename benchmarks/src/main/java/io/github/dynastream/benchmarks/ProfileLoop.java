package io.github.dynastream.benchmarks;

import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.util.Map;

/**
 * Runs one pipeline over the benchmark's batch in a loop for a while, for a profiler to sample
 * (Java Flight Recorder here): {@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
 * -XX:StartFlightRecording=filename=p.jfr,settings=profile -cp benchmarks.jar
 * io.github.dynastream.benchmarks.ProfileLoop tableSchema 1000 30}. Pipelines: {@code typedPeer},
 * {@code jackson}, {@code tableSchema}.
 */
public final class ProfileLoop {
    private ProfileLoop() {}

    public static void main(String[] args) {
        String name = args[0];
        int records = Integer.parseInt(args[1]);
        long seconds = Long.parseLong(args[2]);
        byte[] event = Workload.event(records, 42);
        Pipelines.TypedPeer peer = new Pipelines.TypedPeer();
        StreamProcessor jackson = Pipelines.jacksonProcessor(new Pipelines.NoOpHandler());
        StreamProcessor tableSchema = Pipelines.tableSchemaProcessor(new Pipelines.NoOpHandler());
        Map<String, Runnable> pipelines = Map.of(
                "typedPeer", () -> peer.process(event),
                "jackson", () -> jackson.process(new ByteArrayInputStream(event)),
                "tableSchema", () -> tableSchema.process(new ByteArrayInputStream(event)));
        Runnable pipeline = pipelines.get(name);
        if (pipeline == null) {
            throw new IllegalArgumentException("unknown pipeline " + name + "; one of " + pipelines.keySet());
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long batches = 0;
        while (System.nanoTime() < end) {
            pipeline.run();
            batches++;
        }
        System.out.printf("%s: %,d batches of %d records in %d s%n", name, batches, records, seconds);
    }
}
