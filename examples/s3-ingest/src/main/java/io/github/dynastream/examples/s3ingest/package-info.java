/**
 * A starter template for the most common pipeline on DynamoDB: files land in S3, {@link
 * io.github.dynastream.examples.s3ingest.S3IngestHandler} validates them row by row and writes the valid rows to a
 * table, and the table's stream drives {@link io.github.dynastream.examples.s3ingest.RowNotificationHandler}, which
 * announces each new row.
 *
 * <p>The entry points are {@link io.github.dynastream.examples.s3ingest.FileIngest#of} (the ingest pipeline, from
 * an {@link io.github.dynastream.examples.s3ingest.ObjectSource}, a {@link
 * io.github.dynastream.examples.s3ingest.TableWriter} and a {@link io.github.dynastream.examples.s3ingest.ReportSink})
 * and {@link io.github.dynastream.examples.s3ingest.RowNotifications#processor} (the stream side, from a {@link
 * io.github.dynastream.examples.s3ingest.Notifier}). Each collaborator has an AWS implementation and an in-memory one
 * that lets a test or a demo read back what happened.
 */
package io.github.dynastream.examples.s3ingest;
