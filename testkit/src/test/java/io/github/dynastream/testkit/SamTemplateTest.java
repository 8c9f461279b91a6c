package io.github.dynastream.testkit;

import static io.github.dynastream.testkit.StreamAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SamTemplateTest {
    private static final String WIRED = """
            Transform: AWS::Serverless-2016-10-31
            Globals:
              Function:
                Runtime: java21
            Resources:
              OrdersTable:
                Type: AWS::DynamoDB::Table
              Failures:
                Type: AWS::SQS::Queue
              AuditFunction:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: com.example.AuditHandler::handleRequest
                  Events:
                    Orders:
                      Type: DynamoDB
                      Properties:
                        Stream: !GetAtt OrdersTable.StreamArn
                        StartingPosition: TRIM_HORIZON
                        BatchSize: 50
                        FunctionResponseTypes: [ReportBatchItemFailures]
                        BisectBatchOnFunctionError: true
                        MaximumRetryAttempts: 5
                        MaximumRecordAgeInSeconds: 3600
                        DestinationConfig:
                          OnFailure:
                            Destination: !GetAtt Failures.Arn
                        FilterCriteria:
                          Filters:
                            - Pattern: '{"eventName": ["INSERT"]}'
            """;

    @Test
    void shortFormIntrinsicsReadAsTheirLongForm() {
        SamTemplate template = SamTemplate.parse(WIRED);
        SamTemplate.StreamEventSource source = template.streamEventSource("AuditFunction");

        assertThat(source.stream().orElseThrow().path("Fn::GetAtt").asText()).isEqualTo("OrdersTable.StreamArn");
        assertThat(source.onFailureDestination()
                        .orElseThrow()
                        .path("Fn::GetAtt")
                        .asText())
                .isEqualTo("Failures.Arn");
        assertThat(source.batchSize()).contains(50);
        assertThat(source.startingPosition()).contains("TRIM_HORIZON");
        assertThat(source.filterPatterns())
                .singleElement()
                .satisfies(p -> assertThat(p.asText()).isEqualTo("{\"eventName\": [\"INSERT\"]}"));
    }

    @Test
    void aFullyWiredEventSourcePassesEveryCheck() {
        SamTemplate template = SamTemplate.parse(WIRED);

        assertThat(template.streamEventSource("AuditFunction", "Orders"))
                .isFullyWired()
                .readsStreamOf("OrdersTable")
                .sendsFailuresTo("Failures")
                .hasFilterCriteria();
        assertThat(template.handlerClass("AuditFunction")).isEqualTo("com.example.AuditHandler");
        assertThat(template.functionProperty("AuditFunction", "Runtime").map(n -> n.asText()))
                .isEqualTo(Optional.of("java21"));
    }

    @Test
    void eachMissingSettingFailsWithWhatLambdaWouldDo() {
        SamTemplate.StreamEventSource bare = SamTemplate.parse(WIRED.replaceAll(
                                "(?m)^ {12}(FunctionResponseTypes|BisectBatchOnFunctionError|MaximumRetryAttempts"
                                        + "|MaximumRecordAgeInSeconds).*\\n",
                                "")
                        .replaceAll("(?s) {12}DestinationConfig:.*?Arn\\n", ""))
                .streamEventSource("AuditFunction");

        assertThatThrownBy(() -> assertThat(bare).reportsBatchItemFailures())
                .hasMessageContaining("Lambda would ignore the partial batch response");
        assertThatThrownBy(() -> assertThat(bare).bisectsBatchOnFunctionError())
                .hasMessageContaining("BisectBatchOnFunctionError is not true");
        assertThatThrownBy(() -> assertThat(bare).hasBoundedRetries())
                .hasMessageContaining("MaximumRetryAttempts is not set");
        assertThatThrownBy(() -> assertThat(bare).hasMaximumRecordAge())
                .hasMessageContaining("MaximumRecordAgeInSeconds is not set");
        assertThatThrownBy(() -> assertThat(bare).hasOnFailureDestination())
                .hasMessageContaining("event source [Orders] of function [AuditFunction]: no DestinationConfig");
        assertThatThrownBy(() -> assertThat(bare).readsStreamOf("OtherTable"))
                .hasMessageContaining("not that of [OtherTable]");
    }

    @Test
    void aRawEventSourceMappingResourceIsFoundByItsFunctionName() {
        SamTemplate template = SamTemplate.parse("""
                Resources:
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      Handler: com.example.H
                  Mapping:
                    Type: AWS::Lambda::EventSourceMapping
                    Properties:
                      FunctionName: !Ref Fn
                      EventSourceArn: !GetAtt Table.StreamArn
                      MaximumRetryAttempts: -1
                """);

        SamTemplate.StreamEventSource source = template.streamEventSource("Fn");
        assertThat(source.id()).isEqualTo("Mapping");
        assertThat(source).readsStreamOf("Table");
        assertThatThrownBy(() -> assertThat(source).hasBoundedRetries())
                .hasMessageContaining("MaximumRetryAttempts is -1");
        assertThat(template.handlerClass("Fn")).isEqualTo("com.example.H");
    }

    @Test
    void aTemplateWithoutResourcesOrAMissingFunctionIsNamedInTheError() {
        assertThatThrownBy(() -> SamTemplate.parse("Description: nothing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no Resources");
        assertThatThrownBy(() -> SamTemplate.parse(WIRED).streamEventSource("Nope"))
                .hasMessageContaining("no resource [Nope]")
                .hasMessageContaining("AuditFunction");
        assertThatThrownBy(() -> SamTemplate.parse(WIRED).streamEventSource("OrdersTable"))
                .hasMessageContaining("is a AWS::DynamoDB::Table, not a function");
    }
}
