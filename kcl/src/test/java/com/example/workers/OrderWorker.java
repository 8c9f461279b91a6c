package com.example.workers;

import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.DynamoDbIdempotencyStore;
import io.github.dynastream.enhanced.TableSchemaMapper;
import io.github.dynastream.kcl.KclWorker;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A long-running consumer of the Orders stream: Lambda's handler methods, on a KCL worker. */
public final class OrderWorker {
    /** The same handler class a Lambda function on this stream would use. */
    public static class OrderEvents {
        @OnInsert
        void placed(Order order) {
            System.out.println("placed " + order.getId());
        }

        @OnModify(changed = "status")
        void statusChanged(Order order) {
            System.out.println(order.getId() + " is now " + order.getStatus());
        }
    }

    public static KclWorker worker(
            DynamoDbClient dynamoDb, DynamoDbAsyncClient kclDynamoDb, DynamoDbStreamsClient streams, String streamArn) {
        StreamProcessor processor = StreamProcessor.builder()
                .itemMapper(TableSchemaMapper.create()) // the writer's @DynamoDbBean classes
                .handler(new OrderEvents())
                .idempotency(DynamoDbIdempotencyStore.builder() // shared by all workers: no effect twice
                        .client(dynamoDb)
                        .tableName("dynastream-idempotency")
                        .keyPrefix("order-events#")
                        .build())
                .idempotencyLease(Duration.ofMinutes(1)) // a record left in progress by a dead worker
                .build();
        return KclWorker.builder()
                .processor(processor)
                .streamArn(streamArn)
                .applicationName("order-events") // names the lease table too
                .dynamoDb(kclDynamoDb)
                .dynamoDbStreams(streams)
                .build();
    }

    public static void main(String[] args) {
        String streamArn = DynamoDbClient.create()
                .describeTable(b -> b.tableName("Orders"))
                .table()
                .latestStreamArn();
        KclWorker worker = worker(
                DynamoDbClient.create(), DynamoDbAsyncClient.create(), DynamoDbStreamsClient.create(), streamArn);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::close)); // final checkpoint, lease released
        worker.start();
    }
}
