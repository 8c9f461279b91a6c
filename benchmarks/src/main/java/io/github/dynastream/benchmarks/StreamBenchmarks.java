package io.github.dynastream.benchmarks;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each pipeline over the same event bytes: a score is batches per second; {@link Report} turns it
 * into records per second and ratios.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StreamBenchmarks {
    /** Records per batch. */
    @Param({"100", "1000", "10000"})
    public int records;

    private byte[] event;
    private Pipelines.RuntimeDeserializer runtime;
    private Pipelines.TypedPeer peer;
    private StreamProcessor jackson;
    private StreamProcessor tableSchema;
    private Pipelines.BaseHandler baseHandler;

    @Setup(Level.Trial)
    public void setUp() {
        event = Workload.event(records, 42);
        Pipelines.checkSameItems(event);
        runtime = new Pipelines.RuntimeDeserializer();
        peer = new Pipelines.TypedPeer();
        jackson = Pipelines.jacksonProcessor(new Pipelines.NoOpHandler());
        tableSchema = Pipelines.tableSchemaProcessor(new Pipelines.NoOpHandler());
        baseHandler = new Pipelines.BaseHandler(new Pipelines.NoOpHandler());
    }

    @Benchmark
    public int floorTokenPass() {
        return Pipelines.tokenPass(event);
    }

    @Benchmark
    public int floorWithStrings() {
        return Pipelines.tokenPassWithStrings(event);
    }

    @Benchmark
    public JsonNode readTree() {
        return Pipelines.readTree(event);
    }

    @Benchmark
    public DynamodbEvent runtimeDeserializer() {
        return runtime.deserialize(event);
    }

    @Benchmark
    public StreamsEventResponse typedPeer() {
        return peer.process(event);
    }

    @Benchmark
    public StreamsEventResponse dynastreamStreamJackson() {
        return jackson.process(new ByteArrayInputStream(event));
    }

    @Benchmark
    public int dynastreamBaseHandler() {
        return baseHandler.process(event);
    }

    @Benchmark
    public StreamsEventResponse dynastreamEventJackson() {
        return jackson.process(runtime.deserialize(event));
    }

    @Benchmark
    public StreamsEventResponse dynastreamStreamTableSchema() {
        return tableSchema.process(new ByteArrayInputStream(event));
    }

    @Benchmark
    public StreamsEventResponse dynastreamEventTableSchema() {
        return tableSchema.process(runtime.deserialize(event));
    }
}
