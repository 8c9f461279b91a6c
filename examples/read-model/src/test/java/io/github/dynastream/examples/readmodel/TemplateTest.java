package io.github.dynastream.examples.readmodel;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        assertThat(template.streamEventSource("CustomerOrdersFunction"))
                .isFullyWired()
                .readsStreamOf("OrdersTable")
                .sendsFailuresTo("CustomerOrdersFailures")
                .hasFilterCriteria();
        assertThat(template.streamEventSource("CustomerOrdersFunction").parallelizationFactor())
                .hasValueSatisfying(factor -> assertThat(factor).isBetween(2, 10));
    }

    @Test
    void theFiltersLetThroughEveryChangeOfAnOrderAndNothingElse() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> images = new ArrayList<>();
        for (JsonNode pattern :
                template.streamEventSource("CustomerOrdersFunction").filterPatterns()) {
            JsonNode tree = json.readTree(pattern.asText());
            JsonNode dynamodb = tree.path("dynamodb");
            assertThat(tree.size()).as("only the image is filtered").isEqualTo(1);
            dynamodb.fieldNames().forEachRemaining(images::add);
            dynamodb.forEach(
                    image -> assertThat(image.path("type").path("S").toString()).isEqualTo("[\"" + Order.TYPE + "\"]"));
        }
        // an INSERT carries only the NewImage, a REMOVE only the OldImage
        assertThat(images).containsExactlyInAnyOrder("NewImage", "OldImage");
    }

    @Test
    void theHandlerIsTheDynamoDbStreamHandler() throws ClassNotFoundException {
        Class<?> handler = Class.forName(template.handlerClass("CustomerOrdersFunction"));
        assertThat(handler).isEqualTo(CustomerOrdersHandler.class);
        assertThat(DynamoDbStreamHandler.class.isAssignableFrom(handler)).isTrue();
        assertThat(template.functionProperty("CustomerOrdersFunction", "Runtime"))
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
    void theFunctionIsToldWhichTableHoldsTheProjectionsAndMayReadAndWriteIt() {
        JsonNode variables = template.functionProperty("CustomerOrdersFunction", "Environment")
                .orElseThrow()
                .path("Variables");
        assertThat(variables
                        .path(CustomerOrdersHandler.PROJECTION_TABLE)
                        .path("Ref")
                        .asText())
                .isEqualTo("CustomerOrdersTable");
        List<String> granted = new ArrayList<>();
        template.functionProperty("CustomerOrdersFunction", "Policies")
                .orElseThrow()
                .forEach(policy -> policy.fields()
                        .forEachRemaining(entry -> granted.add(entry.getKey() + " "
                                + entry.getValue().path("TableName").path("Ref").asText())));
        assertThat(granted)
                .contains("DynamoDBReadPolicy CustomerOrdersTable", "DynamoDBWritePolicy CustomerOrdersTable");
    }

    @Test
    void theProjectionTableHasTheKeyTheStoreWrites() {
        JsonNode table = template.resource("CustomerOrdersTable").properties();
        CreateTableRequest expected = DynamoDbCustomerOrdersStore.createTableRequest("CustomerOrders");
        assertThat(table.path("KeySchema").path(0).path("AttributeName").asText())
                .isEqualTo(expected.keySchema().get(0).attributeName());
        assertThat(table.path("KeySchema").size())
                .isEqualTo(expected.keySchema().size());
        assertThat(table.path("AttributeDefinitions")
                        .path(0)
                        .path("AttributeType")
                        .asText())
                .isEqualTo(expected.attributeDefinitions().get(0).attributeTypeAsString());
    }
}
