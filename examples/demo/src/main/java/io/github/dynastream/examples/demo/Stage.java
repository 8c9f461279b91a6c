package io.github.dynastream.examples.demo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.github.dynastream.DeadLetterSink;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.StreamViewType;
import io.github.dynastream.examples.orderaudit.AuditLog;
import io.github.dynastream.examples.readmodel.CustomerOrdersStore;
import io.github.dynastream.examples.replication.ReplicaStore;
import io.github.dynastream.examples.s3ingest.ObjectSource;
import io.github.dynastream.examples.s3ingest.ReportSink;
import io.github.dynastream.examples.s3ingest.TableWriter;
import io.github.dynastream.examples.ttlarchive.ArchiveStore;
import io.github.dynastream.testkit.Simulation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where the story plays: the tables the story writes, with their streams; the event source
 * mappings that feed a stream to a function; and what the functions write to. {@link
 * EmbeddedStage} needs nothing but the JDK; {@link AwsStage} is a real AWS API (moto, or an
 * endpoint).
 */
interface Stage extends AutoCloseable {

    /** One line saying what the tables and streams are. */
    String description();

    /** Creates a table with a stream of the given view type. */
    void createTable(String table, String partitionKey, String sortKey, StreamViewType viewType);

    /** Writes an item (a new one, or a new version of one). */
    void put(String table, Map<String, AttributeValue> item);

    /** Deletes an item, as a user would. */
    void delete(String table, Map<String, AttributeValue> key);

    /**
     * Lets an item expire by TTL: the REMOVE record DynamoDB's TTL writes, with its service identity.
     *
     * @return how it expired, for the story
     */
    String expire(String table, Map<String, AttributeValue> key);

    /** The stage's DynamoDB client, for the handler classes that take one; empty if it has none. */
    Optional<DynamoDbClient> dynamoDb();

    /** The name a table of the story has on this stage. */
    String tableName(String table);

    /** The name the bucket the story's files land in has on this stage. */
    String bucketName();

    /** Removes what the story created where it must not stay; one line for each thing removed. */
    List<String> cleanUp();

    /**
     * Feeds the table's stream to one function as its own event source mapping would, from the trim
     * horizon, with ReportBatchItemFailures on and bisect on error, as in the examples' templates.
     */
    Simulation deliver(String table, int maximumRetryAttempts, Function<DynamodbEvent, StreamsEventResponse> function);

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

    /** The payments function's idempotency table. */
    IdempotencyStore idempotency(String keyPrefix);

    /** The payments function's dead-letter table. */
    DeadLetterSink deadLetters();

    /** Uploads a file to the ingest bucket, as a user would. */
    void upload(String key, String contentType, String content);

    /** The ingest function's view of the bucket. */
    ObjectSource bucket();

    /** The ingest function's writer of the rows table. */
    TableWriter rows(String table);

    /** The ingest function's reports. */
    ReportSink reports();

    @Override
    void close();

    /** The bucket the story's files land in, by the name the story gives it. */
    String BUCKET = "uploads";

    /** The order-audit function's table, by the name the story gives it. */
    String AUDIT_TABLE = "OrderAudit";

    /** The read-model function's table, by the name the story gives it. */
    String PROJECTION_TABLE = "CustomerOrders";

    /** One replica item, as the story tells it. */
    static String describeReplica(String id, String version, boolean tombstone) {
        return id + (tombstone ? " deleted (tombstone at version " + version + ")" : " at version " + version);
    }
}
