package io.github.dynastream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The published stream events in {@code shared/fixtures/events}, read as they are. */
final class Fixtures {
    private Fixtures() {}

    static Path dir() {
        String configured = System.getProperty("dynastream.fixtures");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../shared/fixtures/events");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("fixture directory " + dir.toAbsolutePath() + " does not exist");
        }
        return dir;
    }

    static List<String> names() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the managed Java runtime hands a {@code RequestHandler<DynamodbEvent, ...>}. */
    static DynamodbEvent viaRuntimeSerializer(byte[] json) {
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, Fixtures.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(json));
    }

    static List<ChangeRecord> parse(byte[] json) {
        return new EventJsonReader(new com.fasterxml.jackson.core.JsonFactory()).read(json);
    }
}
