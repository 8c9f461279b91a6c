package io.github.dynastream.examples.ttlarchive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.UserIdentity;
import io.github.dynastream.testkit.SamTemplate;
import io.github.dynastream.testkit.StreamAssertions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What template.yaml must say for the function to work as the tests show. */
class TemplateTest {
    private final SamTemplate template = SamTemplate.read(Path.of("template.yaml"));

    @Test
    void theFunctionReadsTheSessionsStreamFilteredWithPartialBatchResponses() {
        StreamAssertions.assertThat(template.streamEventSource("TtlArchiveFunction"))
                .isFullyWired()
                .readsStreamOf("SessionsTable")
                .sendsFailuresTo("ArchiveFailures")
                .hasFilterCriteria();
    }

    @Test
    void theFilterLetsOnlyTimeToLiveDeletesThrough() {
        List<JsonNode> patterns =
                template.streamEventSource("TtlArchiveFunction").filterPatterns();

        assertThat(patterns).hasSize(1);
        JsonNode pattern = TtlArchiveTest.json(patterns.get(0).asText());
        assertThat(pattern)
                .isEqualTo(TtlArchiveTest.json("{\"eventName\": [\"REMOVE\"], \"userIdentity\": {\"type\": [\""
                        + UserIdentity.TIME_TO_LIVE.type() + "\"], \"principalId\": [\""
                        + UserIdentity.TIME_TO_LIVE.principalId() + "\"]}}"));
    }

    @Test
    void theHandlerIsTheDeployedStreamHandler() throws ClassNotFoundException {
        Class<?> handler = Class.forName(template.handlerClass("TtlArchiveFunction"));

        assertThat(handler).isEqualTo(TtlArchiveHandler.class);
        assertThat(DynamoDbStreamHandler.class).isAssignableFrom(handler);
    }

    @Test
    void theTableExpiresItemsAndItsStreamCarriesTheOldImage() {
        JsonNode table = template.resource("SessionsTable").properties();

        assertThat(table.path("TimeToLiveSpecification").path("Enabled").asBoolean())
                .isTrue();
        assertThat(table.path("TimeToLiveSpecification").path("AttributeName").asText())
                .isEqualTo("expiresAt");
        assertThat(table.path("StreamSpecification").path("StreamViewType").asText())
                .isIn("OLD_IMAGE", "NEW_AND_OLD_IMAGES");
    }

    @Test
    void theFunctionKnowsItsBucketAndMayWriteToIt() {
        JsonNode variables = template.functionProperty("TtlArchiveFunction", "Environment")
                .orElseThrow()
                .path("Variables");
        assertThat(variables.path(TtlArchiveHandler.BUCKET_ENV))
                .isEqualTo(TtlArchiveTest.json("{\"Ref\":\"ArchiveBucket\"}"));
        assertThat(variables.path(TtlArchiveHandler.PARTITION_KEY_ENV).asText()).isEqualTo("id");

        JsonNode policies =
                template.functionProperty("TtlArchiveFunction", "Policies").orElseThrow();
        assertThat(policies.findValues("S3WritePolicy"))
                .singleElement()
                .satisfies(policy -> assertThat(policy.path("BucketName"))
                        .isEqualTo(TtlArchiveTest.json("{\"Ref\":\"ArchiveBucket\"}")));
    }
}
