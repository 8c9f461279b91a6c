package io.github.dynastream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how a template wires a function to a DynamoDB stream ({@link
 * SamTemplate.StreamEventSource}). Without {@code ReportBatchItemFailures}, Lambda ignores the
 * partial batch response a {@code StreamProcessor} returns and checkpoints past the failed records;
 * without bounded retries and an on-failure destination, one poison record holds up its shard for up
 * to the stream's 24-hour retention and is then lost without a trace.
 *
 * <pre>{@code
 * assertThat(SamTemplate.read(Path.of("template.yaml")).streamEventSource("OrderAuditFunction"))
 *         .isFullyWired()
 *         .readsStreamOf("OrdersTable");
 * }</pre>
 */
public final class StreamEventSourceAssert
        extends AbstractAssert<StreamEventSourceAssert, SamTemplate.StreamEventSource> {

    StreamEventSourceAssert(SamTemplate.StreamEventSource actual) {
        super(actual, StreamEventSourceAssert.class);
    }

    /**
     * Every setting a {@code StreamProcessor} relies on: {@link #reportsBatchItemFailures()}, {@link
     * #bisectsBatchOnFunctionError()}, {@link #hasBoundedRetries()}, {@link #hasMaximumRecordAge()}
     * and {@link #hasOnFailureDestination()}.
     */
    public StreamEventSourceAssert isFullyWired() {
        return reportsBatchItemFailures()
                .bisectsBatchOnFunctionError()
                .hasBoundedRetries()
                .hasMaximumRecordAge()
                .hasOnFailureDestination();
    }

    /** {@code FunctionResponseTypes} holds {@code ReportBatchItemFailures}. */
    public StreamEventSourceAssert reportsBatchItemFailures() {
        isNotNull();
        if (!actual.reportsBatchItemFailures()) {
            failWithMessage(
                    "%s: FunctionResponseTypes does not hold ReportBatchItemFailures, so Lambda would ignore"
                            + " the partial batch response and checkpoint past the failed records",
                    where());
        }
        return this;
    }

    /** {@code BisectBatchOnFunctionError} is true. */
    public StreamEventSourceAssert bisectsBatchOnFunctionError() {
        isNotNull();
        if (!actual.bisectsBatchOnFunctionError()) {
            failWithMessage("%s: BisectBatchOnFunctionError is not true", where());
        }
        return this;
    }

    /** {@code MaximumRetryAttempts} is set to a number of retries (0 to 10,000), not -1 (infinite). */
    public StreamEventSourceAssert hasBoundedRetries() {
        isNotNull();
        int retries = actual.maximumRetryAttempts().orElse(-1);
        if (retries < 0 || retries > 10_000) {
            failWithMessage(
                    "%s: MaximumRetryAttempts is %s, so a failing batch is retried until its records expire",
                    where(), actual.maximumRetryAttempts().map(String::valueOf).orElse("not set"));
        }
        return this;
    }

    /** {@code MaximumRecordAgeInSeconds} is set (60 to 604,800). */
    public StreamEventSourceAssert hasMaximumRecordAge() {
        isNotNull();
        int age = actual.maximumRecordAgeInSeconds().orElse(-1);
        if (age < 60 || age > 604_800) {
            failWithMessage(
                    "%s: MaximumRecordAgeInSeconds is %s, not between 60 and 604800",
                    where(),
                    actual.maximumRecordAgeInSeconds().map(String::valueOf).orElse("not set"));
        }
        return this;
    }

    /** {@code DestinationConfig.OnFailure.Destination} is set. */
    public StreamEventSourceAssert hasOnFailureDestination() {
        isNotNull();
        if (actual.onFailureDestination().isEmpty()) {
            failWithMessage(
                    "%s: no DestinationConfig.OnFailure.Destination, so discarded records leave no trace", where());
        }
        return this;
    }

    /** The destination refers to the template's resource (by {@code Ref} or {@code Fn::GetAtt}). */
    public StreamEventSourceAssert sendsFailuresTo(String logicalId) {
        hasOnFailureDestination();
        JsonNode destination = actual.onFailureDestination().orElseThrow();
        if (!SamTemplate.refersTo(destination, logicalId)) {
            failWithMessage("%s: the on-failure destination is %s, not [%s]", where(), destination, logicalId);
        }
        return this;
    }

    /** The stream is that of the template's table (e.g. {@code !GetAtt OrdersTable.StreamArn}). */
    public StreamEventSourceAssert readsStreamOf(String tableLogicalId) {
        isNotNull();
        JsonNode stream = actual.stream().orElse(null);
        if (!SamTemplate.refersTo(stream, tableLogicalId)) {
            failWithMessage("%s: reads stream %s, not that of [%s]", where(), stream, tableLogicalId);
        }
        return this;
    }

    /** {@code FilterCriteria} has at least one filter pattern. */
    public StreamEventSourceAssert hasFilterCriteria() {
        isNotNull();
        if (actual.filterPatterns().isEmpty()) {
            failWithMessage("%s: no FilterCriteria patterns", where());
        }
        return this;
    }

    private String where() {
        return "event source [" + actual.id() + "] of function [" + actual.functionId() + "]";
    }
}
