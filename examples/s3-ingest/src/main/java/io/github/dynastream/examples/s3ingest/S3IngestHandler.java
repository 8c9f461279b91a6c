package io.github.dynastream.examples.s3ingest;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The ingest function's entry point, triggered by S3 {@code ObjectCreated} events. A {@link
 * RequestStreamHandler} that reads the raw event JSON itself (the fastest path: the runtime's
 * event deserializer never runs). Each object of the event is ingested by a {@link FileIngest}; if
 * any could not be (a retry may fix it), the others are still done and then the invocation fails
 * with {@link IngestFailedException}, so Lambda retries the event; the writes are idempotent. It
 * answers with one summary line per object, e.g. {@code
 * {"objects":[{"key":"incoming/readings.csv","status":"INGESTED","writtenRows":120,"invalidRows":0}]}}.
 *
 * <p>The no-argument constructor is Lambda's: it reads {@code TABLE_NAME}, {@code REPORT_BUCKET},
 * {@code REPORT_PREFIX} (default {@code reports/}) and the {@link IngestOptions#fromEnvironment
 * limits} from the environment. Tests pass their own {@link FileIngest}:
 *
 * <pre>{@code
 * S3IngestHandler handler = new S3IngestHandler(FileIngest.of(source, table, reports));
 * handler.handleRequest(eventJson, output, null);
 * }</pre>
 */
public class S3IngestHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(S3IngestHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileIngest ingest;

    /** Lambda's constructor: the table, the report location and the limits from the environment. */
    public S3IngestHandler() {
        this(fromEnvironment());
    }

    /** @param ingest ingests each object of an event */
    public S3IngestHandler(FileIngest ingest) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
    }

    private static FileIngest fromEnvironment() {
        S3Client s3 =
                S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build();
        DynamoDbClient dynamoDb = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String prefix = System.getenv("REPORT_PREFIX");
        return FileIngest.of(
                new S3ObjectSource(s3),
                new DynamoDbTableWriter(dynamoDb, required("TABLE_NAME")),
                new S3ReportSink(
                        s3, required("REPORT_BUCKET"), prefix == null || prefix.isBlank() ? "reports/" : prefix),
                IngestOptions.fromEnvironment(System::getenv));
    }

    private static String required(String variable) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the environment variable " + variable + " is not set");
        }
        return value;
    }

    /**
     * Ingests every object the event names.
     *
     * @throws IngestFailedException if some object could not be ingested (after the others were)
     * @throws IllegalArgumentException if the input is not an S3 event
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<UploadedObject> objects = S3EventReader.read(input);
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode summaries = answer.putArray("objects");
        List<UploadedObject> failed = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (UploadedObject object : objects) {
            try {
                IngestReport report = ingest.ingest(object);
                LOG.info(
                        "{}: {}, {} row(s) written, {} invalid{}",
                        object,
                        report.status(),
                        report.writtenRows(),
                        report.invalidRows(),
                        report.problem().map(why -> " (" + why + ")").orElse(""));
                summaries
                        .addObject()
                        .put("key", object.key())
                        .put("status", report.status().name())
                        .put("writtenRows", report.writtenRows())
                        .put("invalidRows", report.invalidRows());
            } catch (IOException | RuntimeException e) {
                // Logged with the object's name and the failure's kind: the message may not hold row values.
                LOG.warn("{}: not ingested, the event will be retried: {}", object, e.toString());
                failed.add(object);
                RuntimeException wrapped = e instanceof RuntimeException runtime
                        ? runtime
                        : new java.io.UncheckedIOException((IOException) e);
                if (firstFailure == null) {
                    firstFailure = wrapped;
                } else {
                    firstFailure.addSuppressed(wrapped);
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new IngestFailedException(failed, firstFailure);
        }
        JSON.writeValue(output, answer);
    }
}
