package io.github.dynastream.examples.ttlarchive;

import io.github.dynastream.DynamoDbStreamHandler;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambda entry point ({@code io.github.dynastream.examples.ttlarchive.TtlArchiveHandler::handleRequest}):
 * reads the raw event JSON and archives TTL deletes to S3. Configured by the environment:
 *
 * <pre>{@code
 * ARCHIVE_BUCKET=sessions-archive   # required
 * PARTITION_KEY=id                  # the table's partition key (default id)
 * SORT_KEY=                         # its sort key, if it has one
 * ARCHIVE_PREFIX=archive            # the first folder (default archive)
 *
 * // in a test, with any ArchiveStore:
 * new TtlArchiveHandler(new InMemoryArchiveStore(), ArchiveLayout.of("id")).handleRequest(in, out, context);
 * }</pre>
 */
public class TtlArchiveHandler extends DynamoDbStreamHandler {
    /** The archive bucket. */
    public static final String BUCKET_ENV = "ARCHIVE_BUCKET";
    /** The table's partition key attribute. */
    public static final String PARTITION_KEY_ENV = "PARTITION_KEY";
    /** The table's sort key attribute, if any. */
    public static final String SORT_KEY_ENV = "SORT_KEY";
    /** The first folder of every object key. */
    public static final String PREFIX_ENV = "ARCHIVE_PREFIX";

    /** Built once per execution environment, from the environment variables above. */
    public TtlArchiveHandler() {
        this(
                new S3ArchiveStore(
                        S3Client.builder()
                                .httpClient(UrlConnectionHttpClient.create())
                                .build(),
                        required(System.getenv(), BUCKET_ENV)),
                layout(System.getenv()));
    }

    /**
     * @param archive where expired items go
     * @param layout how objects are named
     */
    public TtlArchiveHandler(ArchiveStore archive, ArchiveLayout layout) {
        super(TtlArchive.processor(archive, layout));
    }

    /**
     * The layout the environment describes.
     *
     * @param environment the variables, e.g. {@code System.getenv()}
     */
    public static ArchiveLayout layout(Map<String, String> environment) {
        return new ArchiveLayout(
                environment.getOrDefault(PREFIX_ENV, "archive"),
                environment.getOrDefault(PARTITION_KEY_ENV, "id"),
                environment.get(SORT_KEY_ENV));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}
