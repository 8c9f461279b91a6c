package io.github.dynastream.examples.demo;

import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.orderaudit.OrderAuditHandler;
import io.github.dynastream.examples.readmodel.CustomerOrdersHandler;
import io.github.dynastream.examples.replication.ReplicaStore;
import io.github.dynastream.examples.replication.ReplicationHandler;
import io.github.dynastream.examples.s3ingest.Notifier;
import io.github.dynastream.examples.s3ingest.RowNotificationHandler;
import io.github.dynastream.examples.ttlarchive.ArchiveLayout;
import io.github.dynastream.examples.ttlarchive.ArchiveStore;
import io.github.dynastream.examples.ttlarchive.TtlArchiveHandler;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The examples' deployed handler classes, built with their own constructors and extended only to
 * reach the processor each one builds (see {@link StreamFunction}); and, for a function whose class
 * cannot be built from what the stage has, the processor its class would build.
 */
final class Deployed {
    private Deployed() {}

    /** A stream function: the processor, and the class that runs it when deployed. */
    record Function(StreamProcessor processor, String description) {}

    private static Function deployed(DynamoDbStreamHandler handler, StreamProcessor processor) {
        return new Function(
                processor, "the deployed class " + deployedClass(handler).getSimpleName());
    }

    private static Class<?> deployedClass(DynamoDbStreamHandler handler) {
        return handler.getClass().getSuperclass();
    }

    /** The processor the named class builds, built here from the stage's collaborators. */
    static Function asBuiltBy(StreamProcessor processor, Class<?> handlerClass, String why) {
        return new Function(processor, "the processor " + handlerClass.getSimpleName() + " builds, " + why);
    }

    static Function orderAudit(DynamoDbClient dynamoDb, String auditTable) {
        Audit handler = new Audit(dynamoDb, auditTable);
        return deployed(handler, handler.exposed());
    }

    static Function readModel(DynamoDbClient dynamoDb, String projectionTable) {
        Projections handler = new Projections(dynamoDb, projectionTable);
        return deployed(handler, handler.exposed());
    }

    static Function replication(ReplicaStore replica) {
        Replicating handler = new Replicating(replica);
        return deployed(handler, handler.exposed());
    }

    static Function ttlArchive(ArchiveStore archive, ArchiveLayout layout) {
        Archiving handler = new Archiving(archive, layout);
        return deployed(handler, handler.exposed());
    }

    static Function rowNotifications(Notifier notifier) {
        Notifying handler = new Notifying(notifier);
        return deployed(handler, handler.exposed());
    }

    private static final class Audit extends OrderAuditHandler {
        Audit(DynamoDbClient dynamoDb, String auditTable) {
            super(dynamoDb, auditTable);
        }

        StreamProcessor exposed() {
            return processor();
        }
    }

    private static final class Projections extends CustomerOrdersHandler {
        Projections(DynamoDbClient dynamoDb, String projectionTable) {
            super(dynamoDb, projectionTable);
        }

        StreamProcessor exposed() {
            return processor();
        }
    }

    private static final class Replicating extends ReplicationHandler {
        Replicating(ReplicaStore replica) {
            super(replica);
        }

        StreamProcessor exposed() {
            return processor();
        }
    }

    private static final class Archiving extends TtlArchiveHandler {
        Archiving(ArchiveStore archive, ArchiveLayout layout) {
            super(archive, layout);
        }

        StreamProcessor exposed() {
            return processor();
        }
    }

    private static final class Notifying extends RowNotificationHandler {
        Notifying(Notifier notifier) {
            super(notifier);
        }

        StreamProcessor exposed() {
            return processor();
        }
    }
}
