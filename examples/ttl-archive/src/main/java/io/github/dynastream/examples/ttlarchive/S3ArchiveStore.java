package io.github.dynastream.examples.ttlarchive;

import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archive as an S3 bucket: one {@code PutObject} per expired item. The SDK retries throttling and
 * transient errors itself (its standard retry mode); what still fails, fails the record and Lambda
 * retries it.
 *
 * <pre>{@code
 * ArchiveStore archive = new S3ArchiveStore(S3Client.create(), "sessions-archive");
 * }</pre>
 *
 * <p>Thread-safe (the SDK client is).
 */
public final class S3ArchiveStore implements ArchiveStore {
    private final S3Client s3;
    private final String bucket;

    /**
     * @param s3 the client
     * @param bucket the archive bucket
     */
    public S3ArchiveStore(S3Client s3, String bucket) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    @Override
    public void put(String key, byte[] json) {
        s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromBytes(json));
    }
}
