package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.examples.orderaudit.AuditLog;
import io.github.dynastream.examples.readmodel.CustomerOrdersStore;
import io.github.dynastream.examples.replication.ReplicaStore;
import io.github.dynastream.examples.ttlarchive.ArchiveStore;
import io.github.dynastream.testkit.Simulation;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the story plays: the tables the functions write to, the Orders table the story writes, and
 * the event source mappings that feed the Orders stream to each function. {@link EmbeddedStage}
 * needs nothing but the JDK; {@link AwsStage} is a real DynamoDB API (moto, or an endpoint).
 */
interface Stage extends AutoCloseable {

    /** One line saying what the tables and streams are. */
    String description();

    /** Writes an item of the Orders table (a new one, or a new version of one). */
    void put(Map<String, AttributeValue> item);

    /** Deletes an order, as a user would. */
    void delete(String id);

    /** Lets an order expire by TTL; false if this stage cannot (moto does not run TTL). */
    boolean expire(String id);

    /**
     * Feeds the Orders stream to one function as its own event source mapping would (from the trim
     * horizon): ReportBatchItemFailures on, 2 retries, bisect on error, as in the examples' templates.
     */
    Simulation deliver(Function<DynamodbEvent, StreamsEventResponse> function);

    /** The order-audit function's audit table. */
    AuditLog auditLog();

    /** The read-model function's projection table. */
    CustomerOrdersStore projections();

    /** The replication function's replica table. */
    ReplicaStore replica();

    /** What the replica holds, one line per item: its id and version, or that it is a tombstone. */
    List<String> replicaItems();

    /** The ttl-archive function's bucket. */
    ArchiveStore archive();

    /** The keys of the archive's objects. */
    List<String> archivedKeys();

    @Override
    void close();

    /** One replica item, as the story tells it. */
    static String describeReplica(String id, String version, boolean tombstone) {
        return id + (tombstone ? " deleted (tombstone at version " + version + ")" : " at version " + version);
    }
}
