package io.github.dynastream.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of an event source mapping that the simulator and the local stream runner share,
 * with Lambda's defaults, checked against Lambda's limits in {@link #settings(String)}. Not
 * thread-safe.
 *
 * @param <B> the builder's own type, for chaining
 */
abstract class MappingSettingsBuilder<B extends MappingSettingsBuilder<B>> {
    private int batchSize = 100;
    private boolean reportBatchItemFailures;
    private int maximumRetryAttempts = -1;
    private boolean bisectBatchOnFunctionError;
    private Duration maximumBatchingWindow = Duration.ZERO;
    private int parallelizationFactor = 1;
    private Duration maximumRecordAge;
    private DestinationType destinationType = DestinationType.SQS;
    private int maximumInvocations = 10_000;
    private String functionArn = "arn:aws:lambda:eu-west-1:123456789012:function:stream-handler";

    MappingSettingsBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** {@code BatchSize}: records per invocation (default 100; Lambda allows 1 to 10,000). */
    public B batchSize(int batchSize) {
        this.batchSize = batchSize;
        return self();
    }

    /**
     * Whether {@code FunctionResponseTypes} includes {@code ReportBatchItemFailures} (default
     * false, as in Lambda, where {@code FunctionResponseTypes} has no default:
     * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html). Turn it on for a
     * function that returns partial batch responses, as a dynastream processor does: without it
     * Lambda ignores them and loses the failed records: {@code
     * builder().reportBatchItemFailures(true)}.
     */
    public B reportBatchItemFailures(boolean reportBatchItemFailures) {
        this.reportBatchItemFailures = reportBatchItemFailures;
        return self();
    }

    /** {@code MaximumRetryAttempts}: -1 (the default) retries until the records expire. */
    public B maximumRetryAttempts(int maximumRetryAttempts) {
        this.maximumRetryAttempts = maximumRetryAttempts;
        return self();
    }

    /** {@code BisectBatchOnFunctionError} (default false). */
    public B bisectBatchOnFunctionError(boolean bisectBatchOnFunctionError) {
        this.bisectBatchOnFunctionError = bisectBatchOnFunctionError;
        return self();
    }

    /**
     * {@code MaximumBatchingWindowInSeconds}: how long the mapping gathers records before it
     * invokes the function with fewer than a full batch (default 0: as soon as records are
     * there; whole seconds up to 300, https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
     * and https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html):
     * {@code builder().maximumBatchingWindow(Duration.ofSeconds(60))}.
     */
    public B maximumBatchingWindow(Duration maximumBatchingWindow) {
        this.maximumBatchingWindow = Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        return self();
    }

    /**
     * {@code ParallelizationFactor}: how many batches of the shard are in flight at once (default
     * 1, at most 10, https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html). Each
     * item's changes stay in order and never run concurrently; {@link Invocation#lane()} says
     * which of the concurrent batch streams ran an invocation: {@code
     * builder().parallelizationFactor(3)}.
     */
    public B parallelizationFactor(int parallelizationFactor) {
        this.parallelizationFactor = parallelizationFactor;
        return self();
    }

    /** {@code MaximumRecordAgeInSeconds}; unset means the stream's 24-hour retention. */
    public B maximumRecordAge(Duration maximumRecordAge) {
        this.maximumRecordAge = Objects.requireNonNull(maximumRecordAge, "maximumRecordAge");
        return self();
    }

    /**
     * What the on-failure destination is (default {@link DestinationType#SQS}): an SQS queue or
     * SNS topic receives metadata about a discarded batch, an S3 bucket the batch too
     * (https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html). The
     * simulation records what the destination receives either way: {@code
     * builder().destinationType(DestinationType.S3)}.
     */
    public B destinationType(DestinationType destinationType) {
        this.destinationType = Objects.requireNonNull(destinationType, "destinationType");
        return self();
    }

    /** A safety limit on invocations per run (default 10,000). */
    public B maximumInvocations(int maximumInvocations) {
        this.maximumInvocations = maximumInvocations;
        return self();
    }

    /** The function ARN in failure destination records. */
    public B functionArn(String functionArn) {
        this.functionArn = Objects.requireNonNull(functionArn, "functionArn");
        return self();
    }

    /**
     * The settings for one shard.
     *
     * @throws IllegalArgumentException if a setting is outside what Lambda accepts
     */
    MappingSettings settings(String shardId) {
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be between 1 and 10000 but was [" + batchSize + "]");
        }
        if (maximumRetryAttempts < -1 || maximumRetryAttempts > 10_000) {
            throw new IllegalArgumentException(
                    "maximum retry attempts must be -1 or between 0 and 10000 but was [" + maximumRetryAttempts + "]");
        }
        if (parallelizationFactor < 1 || parallelizationFactor > 10) {
            throw new IllegalArgumentException(
                    "parallelization factor must be between 1 and 10 but was [" + parallelizationFactor + "]");
        }
        if (maximumBatchingWindow.isNegative()
                || maximumBatchingWindow.compareTo(Duration.ofSeconds(300)) > 0
                || maximumBatchingWindow.getNano() != 0) {
            throw new IllegalArgumentException(
                    "maximum batching window must be whole seconds between 0 and 300 but was [" + maximumBatchingWindow
                            + "]");
        }
        if (maximumRecordAge != null
                && (maximumRecordAge.compareTo(Duration.ofSeconds(60)) < 0
                        || maximumRecordAge.compareTo(Duration.ofDays(7)) > 0)) {
            throw new IllegalArgumentException(
                    "maximum record age must be between 60 seconds and 7 days but was [" + maximumRecordAge + "]");
        }
        if (maximumInvocations < 1) {
            throw new IllegalArgumentException("maximum invocations must be > 0 but was [" + maximumInvocations + "]");
        }
        return new MappingSettings(
                batchSize,
                reportBatchItemFailures,
                maximumRetryAttempts,
                bisectBatchOnFunctionError,
                maximumBatchingWindow,
                parallelizationFactor,
                maximumRecordAge,
                destinationType,
                maximumInvocations,
                shardId,
                functionArn);
    }
}
