package io.github.dynastream.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** moto started, used through the handed-out clients, reset and stopped; and what happens without it. */
class LocalAwsIT {
    @RegisterExtension
    static final LocalAws AWS = LocalAws.forTests();

    @Test
    void servesDynamoDbAndItsStreamOnLoopback(LocalAws aws) {
        assertThat(aws).isSameAs(AWS);
        assertThat(aws.endpoint().getHost()).isEqualTo("127.0.0.1");
        DynamoDbClient dynamoDb = aws.dynamoDb();

        createTable(dynamoDb, "things");
        String streamArn =
                dynamoDb.describeTable(r -> r.tableName("things")).table().latestStreamArn();

        assertThat(dynamoDb.listTables().tableNames()).contains("things");
        assertThat(aws.dynamoDbStreams()
                        .describeStream(r -> r.streamArn(streamArn))
                        .streamDescription()
                        .shards())
                .isNotEmpty();
    }

    @Test
    void resetClearsEveryTable() {
        DynamoDbClient dynamoDb = AWS.dynamoDb();
        createTable(dynamoDb, "gone-after-reset");

        AWS.reset();

        assertThat(dynamoDb.listTables().tableNames()).doesNotContain("gone-after-reset");
    }

    @Test
    void closeStopsTheServerItStartedAndOnlyThatOne(@TempDir Path logs) {
        LocalAws own = LocalAws.builder().logDirectory(logs).start();
        URI endpoint = own.endpoint();
        assertThat(own.startedMoto()).isTrue();
        LocalAws borrowed = LocalAws.builder().endpoint(endpoint).start();
        assertThat(borrowed.startedMoto()).isFalse();
        Optional<ProcessHandle> server = ProcessHandle.current()
                .children()
                .filter(p -> p.info().commandLine().orElse("").contains("-p " + endpoint.getPort()))
                .findFirst();
        assertThat(server).as("moto's process for %s", endpoint).isPresent();

        borrowed.close(); // does not stop what it did not start
        assertThat(server.get().isAlive()).isTrue();
        assertThat(borrowed.toString()).contains("not started");
        own.close();

        assertThat(server.get().isAlive()).isFalse();
        assertThat(AWS.dynamoDb().listTables()).isNotNull(); // the class's server is untouched
        assertThat(logs.resolve("moto-" + endpoint.getPort() + ".log")).exists();
    }

    @Test
    void anInterpreterWithoutMotoIsUnavailableWithOneLineSayingHowToGetIt(@TempDir Path dir) throws Exception {
        Path notPython = Files.writeString(dir.resolve("python3"), "#!/bin/sh\nexit 1\n");
        notPython.toFile().setExecutable(true);

        assertThatThrownBy(() -> LocalAws.builder().python(notPython).start())
                .isInstanceOf(LocalAws.UnavailableException.class)
                .hasMessageContaining(notPython.toString())
                .hasMessageContaining("pip install \"moto[server]\"")
                .hasMessageContaining(LocalAws.ENDPOINT_PROPERTY)
                .hasMessageNotContaining("\n");
    }

    @Test
    void asAnExtensionItSkipsWithoutMotoExceptOnCi(@TempDir Path dir) throws Exception {
        Path notPython = Files.writeString(dir.resolve("python3"), "#!/bin/sh\nexit 1\n");
        notPython.toFile().setExecutable(true);
        LocalAws extension = LocalAws.builder().python(notPython).forTests();
        String ci = System.getenv("CI");

        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            assertThatThrownBy(() -> extension.beforeAll(null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("CI is set");
        } else {
            assertThatThrownBy(() -> extension.beforeAll(null))
                    .isInstanceOf(TestAbortedException.class)
                    .hasMessageContaining("pip install");
        }
    }

    @Test
    void clientsNeedAStartedEndpoint() {
        LocalAws notStarted = LocalAws.forTests();

        assertThatThrownBy(notStarted::dynamoDb)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("@RegisterExtension");
    }

    private static void createTable(DynamoDbClient dynamoDb, String name) {
        dynamoDb.createTable(r -> r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));
    }
}
