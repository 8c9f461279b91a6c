package io.github.dynastream.examples.s3ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.EventName;
import io.github.dynastream.IdempotencyStore;
import io.github.dynastream.testkit.SamTemplate;
import io.github.dynastream.testkit.StreamAssertions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the SAM template must say for the handlers to work as tested. */
class TemplateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SamTemplate template = SamTemplate.read(Path.of("template.yaml"));

    private static JsonNode ref(String logicalId) {
        return JSON.createObjectNode().put("Ref", logicalId);
    }

    private static JsonNode getAtt(String attribute) {
        return JSON.createObjectNode().put("Fn::GetAtt", attribute);
    }

    @Test
    void theNotificationFunctionIsFullyWiredToTheTablesStreamAndSeesOnlyInserts() throws Exception {
        SamTemplate.StreamEventSource source = template.streamEventSource("NotificationFunction");

        StreamAssertions.assertThat(source)
                .isFullyWired()
                .readsStreamOf("RowsTable")
                .sendsFailuresTo("NotificationFailures")
                .hasFilterCriteria();
        assertThat(source.filterPatterns()).hasSize(1);
        assertThat(JSON.readTree(source.filterPatterns().get(0).asText()))
                .isEqualTo(JSON.readTree("{\"eventName\": [\"INSERT\"]}"));
        // The filter drops exactly what the handler would not handle anyway.
        var processor = RowNotifications.processor(new InMemoryNotifier(), IdempotencyStore.inMemory());
        assertThat(processor.handlerMethods(EventName.INSERT)).isNotEmpty();
        assertThat(processor.handlerMethods(EventName.MODIFY)).isEmpty();
        assertThat(processor.handlerMethods(EventName.REMOVE)).isEmpty();
    }

    @Test
    void theTableIsKeyedByFileAndLineWithTheNewImageOnItsStream() {
        JsonNode table = template.resource("RowsTable").properties();

        assertThat(table.at("/StreamSpecification/StreamViewType").asText()).isEqualTo("NEW_IMAGE");
        assertThat(table.at("/KeySchema/0/AttributeName").asText()).isEqualTo("file");
        assertThat(table.at("/KeySchema/0/KeyType").asText()).isEqualTo("HASH");
        assertThat(table.at("/KeySchema/1/AttributeName").asText()).isEqualTo("line");
        assertThat(table.at("/KeySchema/1/KeyType").asText()).isEqualTo("RANGE");
        assertThat(table.at("/AttributeDefinitions/1/AttributeType").asText()).isEqualTo("N");
    }

    @Test
    void theHandlersNamedAreTheClassesTestedHere() throws Exception {
        Class<?> notification = Class.forName(template.handlerClass("NotificationFunction"));
        Class<?> ingest = Class.forName(template.handlerClass("IngestFunction"));

        assertThat(notification).isEqualTo(RowNotificationHandler.class);
        assertThat(DynamoDbStreamHandler.class).isAssignableFrom(notification);
        assertThat(ingest).isEqualTo(S3IngestHandler.class);
        assertThat(RequestStreamHandler.class).isAssignableFrom(ingest);
        for (String function : new String[] {"NotificationFunction", "IngestFunction"}) {
            assertThat(template.functionProperty(function, "Runtime")
                            .orElseThrow()
                            .asText())
                    .isIn("java17", "java21");
        }
    }

    @Test
    void theIngestFunctionIsTriggeredByObjectsCreatedInTheBucketUnderAPrefixItsReportsAreNotUnder() {
        JsonNode event = template.resource("IngestFunction").properties().at("/Events/FileUploaded");
        JsonNode environment = template.functionProperty("IngestFunction", "Environment")
                .orElseThrow()
                .path("Variables");

        assertThat(event.path("Type").asText()).isEqualTo("S3");
        assertThat(event.at("/Properties/Bucket")).isEqualTo(ref("UploadBucket"));
        assertThat(event.at("/Properties/Events").asText()).isEqualTo("s3:ObjectCreated:*");
        assertThat(event.at("/Properties/Filter/S3Key/Rules/0/Name").asText()).isEqualTo("prefix");
        String trigger = event.at("/Properties/Filter/S3Key/Rules/0/Value").asText();
        assertThat(trigger).isEqualTo("incoming/");
        // A report written under the trigger's prefix would invoke the function again, without end.
        assertThat(environment.path("REPORT_PREFIX").asText()).isNotEmpty().doesNotStartWith(trigger);
        assertThat(environment.path("REPORT_BUCKET")).isEqualTo(ref("UploadBucketName"));
        assertThat(template.resource("UploadBucket").properties().path("BucketName"))
                .isEqualTo(ref("UploadBucketName"));
        assertThat(environment.path("TABLE_NAME")).isEqualTo(ref("RowsTable"));
    }

    @Test
    void aFailedIngestIsRetriedAndThenKeptInAQueue() {
        JsonNode invoke = template.resource("IngestFunction").properties().path("EventInvokeConfig");

        assertThat(invoke.path("MaximumRetryAttempts").asInt(-1)).isBetween(0, 2);
        assertThat(invoke.at("/DestinationConfig/OnFailure/Type").asText()).isEqualTo("SQS");
        assertThat(invoke.at("/DestinationConfig/OnFailure/Destination")).isEqualTo(getAtt("IngestFailures.Arn"));
    }

    @Test
    void eachFunctionMayDoWhatItsCodeDoesAndTheNotificationFunctionKnowsItsTopic() {
        JsonNode ingest = template.resource("IngestFunction").properties().path("Policies");
        JsonNode notification =
                template.resource("NotificationFunction").properties().path("Policies");

        assertThat(ingest.findValues("BucketName")).hasSize(2).containsOnly(ref("UploadBucketName"));
        assertThat(ingest.findParents("S3ReadPolicy")).hasSize(1);
        assertThat(ingest.findParents("S3WritePolicy")).hasSize(1);
        assertThat(ingest.findValue("DynamoDBWritePolicy").path("TableName")).isEqualTo(ref("RowsTable"));
        assertThat(notification.findValue("SNSPublishMessagePolicy").path("TopicName"))
                .isEqualTo(getAtt("NewRowsTopic.TopicName"));
        assertThat(notification.findValue("SQSSendMessagePolicy").path("QueueName"))
                .isEqualTo(getAtt("NotificationFailures.QueueName"));
        assertThat(template.functionProperty("NotificationFunction", "Environment")
                        .orElseThrow()
                        .at("/Variables/TOPIC_ARN"))
                .isEqualTo(ref("NewRowsTopic"));
    }
}
