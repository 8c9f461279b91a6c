package io.github.dynastream.examples.s3ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads objects with {@code GetObject}, as a stream straight from the HTTP response: nothing is
 * buffered beyond the reader's buffer. Thread-safe.
 *
 * <pre>{@code
 * ObjectSource source = new S3ObjectSource(S3Client.create());
 * }</pre>
 */
public final class S3ObjectSource implements ObjectSource {
    private final S3Client s3;

    /** @param s3 the client */
    public S3ObjectSource(S3Client s3) {
        this.s3 = Objects.requireNonNull(s3, "s3");
    }

    @Override
    public StoredObject open(String bucket, String key) throws IOException {
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = s3.getObject(r -> r.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw new IOException("GetObject of s3://" + bucket + "/" + key + " failed", e);
        }
        return new StoredObject() {
            @Override
            public Optional<String> contentType() {
                return Optional.ofNullable(body.response().contentType());
            }

            @Override
            public InputStream content() {
                return body;
            }

            @Override
            public void close() throws IOException {
                // A body left unread (a rejected file) is aborted rather than drained to its end.
                if (body.read() != -1) {
                    body.abort();
                }
                body.close();
            }
        };
    }
}
