package io.github.dynastream.testkit;

import java.time.Duration;

/**
 * The settings of an event source mapping, checked against Lambda's limits by whoever builds them
 * ({@link MappingSettingsBuilder}).
 *
 * @param batchSize {@code BatchSize}
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} holds {@code ReportBatchItemFailures}
 * @param maximumRetryAttempts {@code MaximumRetryAttempts}, -1 for until the records expire
 * @param bisectBatchOnFunctionError {@code BisectBatchOnFunctionError}
 * @param maximumBatchingWindow {@code MaximumBatchingWindowInSeconds}
 * @param parallelizationFactor {@code ParallelizationFactor}
 * @param maximumRecordAge {@code MaximumRecordAgeInSeconds}, null for the stream's retention
 * @param destinationType what the on-failure destination is, which decides whether it gets the payload
 * @param maximumInvocations a safety limit on invocations per run
 * @param shardId the shard id in failure destination records
 * @param functionArn the function ARN in failure destination records
 */
record MappingSettings(
        int batchSize,
        boolean reportBatchItemFailures,
        int maximumRetryAttempts,
        boolean bisectBatchOnFunctionError,
        Duration maximumBatchingWindow,
        int parallelizationFactor,
        Duration maximumRecordAge,
        DestinationType destinationType,
        int maximumInvocations,
        String shardId,
        String functionArn) {

    /** The same settings for another shard. */
    MappingSettings withShardId(String shardId) {
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
