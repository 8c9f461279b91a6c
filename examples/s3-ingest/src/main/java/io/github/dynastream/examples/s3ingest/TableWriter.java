package io.github.dynastream.examples.s3ingest;

import java.util.List;

/**
 * Where valid rows go: {@link DynamoDbTableWriter} in production, {@link InMemoryTableWriter} in
 * tests and the demo. The ingest hands over rows in chunks of at most {@value #MAX_CHUNK}, the most
 * one {@code BatchWriteItem} takes, and never holds more than one chunk.
 *
 * <pre>{@code
 * TableWriter table = new DynamoDbTableWriter(DynamoDbClient.create(), "IngestedRows");
 * table.write(List.of(IngestedRow.of("uploads/incoming/readings.csv", 2, row)));
 * }</pre>
 */
public interface TableWriter {
    /** The largest chunk {@link #write} is given. */
    int MAX_CHUNK = 25;

    /**
     * Writes every row of the chunk (an item that exists is replaced), or throws.
     *
     * @param chunk 1 to {@value #MAX_CHUNK} rows with distinct keys
     * @throws UnprocessedItemsException if some rows could not be written; the invocation fails
     */
    void write(List<IngestedRow> chunk);
}
