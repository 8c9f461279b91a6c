package io.github.dynastream.examples.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.testkit.SamTemplate;
import io.github.dynastream.testkit.StreamAssertions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What template.yaml must say for the function to work as the tests show. */
class TemplateTest {
    private final SamTemplate template = SamTemplate.read(Path.of("template.yaml"));

    @Test
    void theFunctionReadsTheProductsStreamWithPartialBatchResponses() {
        StreamAssertions.assertThat(template.streamEventSource("ReplicationFunction"))
                .isFullyWired()
                .readsStreamOf("ProductsTable")
                .sendsFailuresTo("ReplicationFailures");
    }

    @Test
    void everyChangeReachesTheFunction() {
        // a record that a filter leaves out is dropped by Lambda: the replica would keep an older version
        assertThat(template.streamEventSource("ReplicationFunction").filterPatterns())
                .isEmpty();
    }

    @Test
    void theHandlerIsTheDeployedStreamHandler() throws ClassNotFoundException {
        Class<?> handler = Class.forName(template.handlerClass("ReplicationFunction"));

        assertThat(handler).isEqualTo(ReplicationHandler.class);
        assertThat(DynamoDbStreamHandler.class).isAssignableFrom(handler);
    }

    @Test
    void theSourceStreamCarriesBothImages() {
        // NewImage for the copy; OldImage for the version a REMOVE deleted.
        assertThat(template.resource("ProductsTable")
                        .properties()
                        .path("StreamSpecification")
                        .path("StreamViewType")
                        .asText())
                .isEqualTo("NEW_AND_OLD_IMAGES");
    }

    @Test
    void theFunctionGetsEveryVariableTheHandlerReads() {
        JsonNode variables = template.functionProperty("ReplicationFunction", "Environment")
                .orElseThrow()
                .path("Variables");

        assertThat(variables.has(ReplicaConfig.TABLE_ENV)).isTrue();
        assertThat(variables.has(ReplicaConfig.REGION_ENV)).isTrue();
        assertThat(variables.has(ReplicaConfig.ROLE_ENV)).isTrue();
    }

    @Test
    void theReplicaExpiresTombstonesByTimeToLive() {
        JsonNode ttl = template.resource("ProductsReplicaTable").properties().path("TimeToLiveSpecification");

        assertThat(ttl.path("AttributeName").asText()).isEqualTo(DynamoDbReplicaStore.TOMBSTONE_EXPIRES_AT);
        assertThat(ttl.path("Enabled").asBoolean()).isTrue();
    }

    @Test
    void noRecordOutlivesTheTombstonesOnTheMapping() {
        // A tombstone must outlast every record that can still arrive after the delete.
        assertThat(template.streamEventSource("ReplicationFunction").maximumRecordAgeInSeconds())
                .hasValueSatisfying(age -> assertThat(age).isLessThan(2 * 24 * 3600));
    }
}
