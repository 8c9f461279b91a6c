package io.github.dynastream.examples.orderaudit;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.testkit.SamTemplate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/** template.yaml wires the function as the code and the tests expect. */
class TemplateTest {
    private final SamTemplate template = SamTemplate.read(Path.of("template.yaml"));

    @Test
    void theEventSourceMappingIsFullyWiredToTheOrdersStream() {
        assertThat(template.streamEventSource("OrderAuditFunction"))
                .isFullyWired()
                .readsStreamOf("OrdersTable")
                .sendsFailuresTo("OrderAuditFailures");
        SamTemplate.StreamEventSource source = template.streamEventSource("OrderAuditFunction");
        // the simulator tests run with fewer retries; these are the deployed ones
        assertThat(source.maximumRetryAttempts()).contains(5);
        assertThat(source.maximumRecordAgeInSeconds()).contains(43200);
        assertThat(source.filterPatterns()).as("an audit sees every change").isEmpty();
    }

    @Test
    void theHandlerIsTheDynamoDbStreamHandler() throws ClassNotFoundException {
        Class<?> handler = Class.forName(template.handlerClass("OrderAuditFunction"));
        assertThat(handler).isEqualTo(OrderAuditHandler.class);
        assertThat(DynamoDbStreamHandler.class.isAssignableFrom(handler)).isTrue();
        assertThat(template.functionProperty("OrderAuditFunction", "Runtime"))
                .map(JsonNode::asText)
                .hasValueSatisfying(runtime -> assertThat(runtime).isIn("java17", "java21"));
    }

    @Test
    void theOrdersStreamCarriesBothImages() {
        assertThat(template.resource("OrdersTable")
                        .properties()
                        .path("StreamSpecification")
                        .path("StreamViewType")
                        .asText())
                .isEqualTo("NEW_AND_OLD_IMAGES");
    }

    @Test
    void theFunctionIsToldWhichTableIsTheAuditTableAndMayWriteIt() {
        JsonNode variables = template.functionProperty("OrderAuditFunction", "Environment")
                .orElseThrow()
                .path("Variables");
        assertThat(variables.path(OrderAuditHandler.AUDIT_TABLE).path("Ref").asText())
                .isEqualTo("OrderAuditTable");
        JsonNode policies =
                template.functionProperty("OrderAuditFunction", "Policies").orElseThrow();
        List<String> writable = new ArrayList<>();
        policies.forEach(policy -> writable.add(
                policy.path("DynamoDBWritePolicy").path("TableName").path("Ref").asText()));
        assertThat(writable).contains("OrderAuditTable");
    }

    @Test
    void theAuditTableHasTheKeysTheAuditLogWrites() {
        JsonNode table = template.resource("OrderAuditTable").properties();
        CreateTableRequest expected = DynamoDbAuditLog.createTableRequest("OrderAudit");
        List<String> keys = new ArrayList<>();
        table.path("KeySchema")
                .forEach(key -> keys.add(key.path("AttributeName").asText() + " "
                        + key.path("KeyType").asText()));
        assertThat(keys)
                .containsExactlyElementsOf(expected.keySchema().stream()
                        .map(key -> key.attributeName() + " " + key.keyTypeAsString())
                        .toList());
        List<String> types = new ArrayList<>();
        table.path("AttributeDefinitions")
                .forEach(attribute -> types.add(attribute.path("AttributeName").asText() + " "
                        + attribute.path("AttributeType").asText()));
        assertThat(types)
                .containsExactlyInAnyOrderElementsOf(expected.attributeDefinitions().stream()
                        .map(attribute -> attribute.attributeName() + " " + attribute.attributeTypeAsString())
                        .toList());
        assertThat(template.resource("OrderAuditTable")
                        .node()
                        .path("DeletionPolicy")
                        .asText())
                .isEqualTo("Retain");
    }
}
