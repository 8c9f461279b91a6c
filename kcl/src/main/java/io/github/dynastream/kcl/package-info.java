/**
 * The same {@link io.github.dynastream.StreamProcessor} on Kinesis Client Library 3 workers, through
 * the DynamoDB Streams Kinesis Adapter. The entry point is {@link io.github.dynastream.kcl.KclWorker#builder()}.
 */
package io.github.dynastream.kcl;
