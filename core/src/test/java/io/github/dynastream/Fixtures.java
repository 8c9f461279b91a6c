package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import io.github.dynastream.source.EventJsonSource;
import io.github.dynastream.source.InPlaceReaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The published stream events of the repository's {@code fixtures/events} folder, read as they are.
 * The build copies that folder onto every module's test classpath under {@code fixtures/events}.
 */
public final class Fixtures {
    private static final String SOURCES = "/fixtures/events/SOURCES.md";

    private Fixtures() {}

    public static Path dir() {
        URL sources = Fixtures.class.getResource(SOURCES);
        if (sources == null) {
            throw new IllegalStateException(SOURCES
                    + " is not on the test classpath: the build copies the repository's fixtures/ folder there");
        }
        try {
            return Path.of(sources.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read " + sources, e);
        }
    }

    public static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the managed Java runtime hands a {@code RequestHandler<DynamodbEvent, ...>}. */
    public static DynamodbEvent viaRuntimeSerializer(byte[] json) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, Fixtures.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }

    /** What the managed Java runtime hands a {@code RequestHandler<KinesisEvent, ...>}. */
    public static KinesisEvent kinesisViaRuntimeSerializer(byte[] json) {
        return LambdaEventSerializers.serializerFor(KinesisEvent.class, Fixtures.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }

    /** A Kinesis event of one record that carries {@code payload} (already decoded, as the runtime hands it). */
    public static KinesisEvent kinesisEvent(String sequenceNumber, byte[] payload) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setSequenceNumber(sequenceNumber);
        kinesis.setPartitionKey("859F7C064A4818874FA67ABEC9BF2AF1");
        kinesis.setData(java.nio.ByteBuffer.wrap(payload));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setEventSource("aws:kinesis");
        record.setEventName("aws:kinesis:record");
        record.setEventID("shardId-000000000000:" + sequenceNumber);
        record.setEventSourceARN("arn:aws:kinesis:eu-west-1:123456789012:stream/changes");
        record.setKinesis(kinesis);
        KinesisEvent event = new KinesisEvent();
        event.setRecords(List.of(record));
        return event;
    }

    public static List<ChangeRecord> parse(byte[] json) {
        return EventJsonSource.create(new com.fasterxml.jackson.core.JsonFactory(), InPlaceReaders.NONE, 32)
                .read(json)
                .records();
    }
}
