package io.github.dynastream.testkit;

/**
 * The entry point of the testkit's event DSL: declare a table, then write its stream.
 *
 * <pre>{@code
 * TestTable orders = StreamEvents.table("Orders").partitionKey("id").build();
 * DynamodbEvent event = orders.stream()
 *         .insert(new Order("o-1", "PLACED"))
 *         .modify(new Order("o-1", "PLACED"), new Order("o-1", "PAID"))
 *         .ttlExpire(new Order("o-1", "PAID"))
 *         .toDynamodbEvent();
 * }</pre>
 *
 * @see TestTable
 * @see TestStream
 * @see StreamAssertions
 * @see EventSourceMappingSimulator
 * @see StreamGenerators
 */
public final class StreamEvents {
    private StreamEvents() {}

    /**
     * Starts declaring a table with a stream.
     *
     * @param name the table name, as it appears in the stream ARN
     */
    public static TestTable.Builder table(String name) {
        return TestTable.builder(name);
    }
}
