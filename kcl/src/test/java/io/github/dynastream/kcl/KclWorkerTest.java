package io.github.dynastream.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.workers.OrderWorker;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnInsert;
import io.github.dynastream.StreamProcessor;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.InitialPositionInStream;

/** The builder's checks, and the README's worker built (never started: nothing is contacted). */
class KclWorkerTest {
    private static final String STREAM_ARN =
            "arn:aws:dynamodb:eu-west-1:123456789012:table/Orders/stream/2026-12-01T00:00:00.000";
    /** Nothing listens here and nothing is sent: the workers below are built, not started. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");

    private final StaticCredentialsProvider credentials =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
            .endpointOverride(NOWHERE)
            .region(Region.EU_WEST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build();
    private final DynamoDbAsyncClient kclDynamoDb = DynamoDbAsyncClient.builder()
            .endpointOverride(NOWHERE)
            .region(Region.EU_WEST_1)
            .credentialsProvider(credentials)
            .httpClient(NettyNioAsyncHttpClient.create())
            .build();
    private final DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
            .endpointOverride(NOWHERE)
            .region(Region.EU_WEST_1)
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .build();

    @AfterEach
    void closeClients() {
        dynamoDb.close();
        kclDynamoDb.close();
        streams.close();
    }

    private static StreamProcessor processor() {
        return StreamProcessor.builder()
                .handler(new Object() {
                    @OnInsert
                    void on(ChangeRecord record) {}
                })
                .build();
    }

    private KclWorker.Builder complete() {
        return KclWorker.builder()
                .processor(processor())
                .streamArn(STREAM_ARN)
                .applicationName("order-events")
                .dynamoDb(kclDynamoDb)
                .dynamoDbStreams(streams);
    }

    @Test
    void theReadmesWorkerIsNamedAfterItsApplicationAndSoIsItsLeaseTable() {
        KclWorker worker = OrderWorker.worker(dynamoDb, kclDynamoDb, streams, STREAM_ARN);

        assertThat(worker.applicationName()).isEqualTo("order-events");
        assertThat(worker.leaseTableName()).isEqualTo("order-events");
        assertThat(worker.workerId()).startsWith("order-events-");
        worker.close();
        assertThatThrownBy(worker::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was already closed");
    }

    @Test
    void theLeaseTableAndWorkerIdCanBeNamed() {
        KclWorker worker =
                complete().leaseTableName("leases").workerId("host-1").build();

        assertThat(worker.leaseTableName()).isEqualTo("leases");
        assertThat(worker).hasToString("KclWorker[host-1, lease table leases]");
        worker.close();
    }

    @Test
    void eachRequiredSettingIsNamedWhenMissing() {
        assertThatThrownBy(() -> KclWorker.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("processor is required; call processor(...)");
        assertThatThrownBy(() -> complete().dynamoDbStreams(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("dynamoDbStreams");
    }

    @Test
    void aStreamArnThatIsNotADynamoDbStreamsIsRejectedWithTheValue() {
        assertThatThrownBy(() -> complete()
                        .streamArn("arn:aws:dynamodb:eu-west-1:123456789012:table/Orders")
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("stream ARN must look like arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL"
                        + " but was [arn:aws:dynamodb:eu-west-1:123456789012:table/Orders]");
        assertThatThrownBy(() -> complete().streamArn("Orders").build()).hasMessageEndingWith("but was [Orders]");
    }

    @Test
    void settingsThatContradictEachOtherAreRejectedByBuild() {
        assertThatThrownBy(() -> complete()
                        .retryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                        .build())
                .hasMessage("longest retry pause [PT1S] must not be shorter than the first [PT2S]");
        assertThatThrownBy(() -> complete()
                        .retryBackoff(Duration.ZERO, Duration.ofSeconds(1))
                        .build())
                .hasMessage("first retry pause must be positive but was [PT0S]");
        assertThatThrownBy(() -> complete()
                        .initialPosition(InitialPositionInStream.AT_TIMESTAMP)
                        .build())
                .hasMessage("initial position must be TRIM_HORIZON or LATEST but was [AT_TIMESTAMP]");
        assertThatThrownBy(() -> complete().applicationName(" ").build())
                .hasMessage("application name must not be blank but was [ ]");
    }

    @Test
    void theRetryBackoffDoublesUpToItsLongestPause() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(250), Duration.ofSeconds(1));

        assertThat(backoff.after(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(1_000)).isEqualTo(Duration.ofSeconds(1));
    }
}
