package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

/**
 * The entry point of the testkit's AssertJ assertions.
 *
 * <pre>{@code
 * import static io.github.dynastream.testkit.StreamAssertions.assertThat;
 *
 * assertThat(processor.process(stream.toInputStream())).failedAt(stream.record(2));
 * assertThat(simulation).handledEachKeyInOrder(handled).lostNothing(handled).hasNoIgnoredItemFailures();
 * }</pre>
 */
public final class StreamAssertions {
    private StreamAssertions() {}

    /** Assertions on a partial batch response. */
    public static StreamsEventResponseAssert assertThat(StreamsEventResponse actual) {
        return new StreamsEventResponseAssert(actual);
    }

    /** Assertions on a simulation of Lambda's event source mapping. */
    public static SimulationAssert assertThat(Simulation actual) {
        return new SimulationAssert(actual);
    }

    /** Assertions on how a SAM template wires a function to a DynamoDB stream. */
    public static StreamEventSourceAssert assertThat(SamTemplate.StreamEventSource actual) {
        return new StreamEventSourceAssert(actual);
    }
}
