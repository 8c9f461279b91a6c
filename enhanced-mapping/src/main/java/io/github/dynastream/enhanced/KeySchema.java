package io.github.dynastream.enhanced;

import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A table's primary key attribute names, as a {@link TableSchema} declares them.
 *
 * @param partitionKey the partition key attribute
 * @param sortKey the sort key attribute, if the table has one
 */
public record KeySchema(String partitionKey, Optional<String> sortKey) {
    public KeySchema {
        Objects.requireNonNull(partitionKey, "partitionKey");
        Objects.requireNonNull(sortKey, "sortKey");
    }

    /**
     * The key schema a table schema declares.
     *
     * @throws IllegalArgumentException if the schema declares no partition key
     */
    public static KeySchema of(TableSchema<?> schema) {
        TableMetadata metadata = schema.tableMetadata();
        String partitionKey;
        try {
            partitionKey = metadata.primaryPartitionKey();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "the schema of " + schema.itemType() + " declares no partition key (@DynamoDbPartitionKey)", e);
        }
        return new KeySchema(partitionKey, metadata.primarySortKey());
    }
}
