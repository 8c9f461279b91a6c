package io.github.dynastream.examples.ttlarchive;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An archive in memory, for tests and the local demo, which read back the objects it holds ({@link
 * #objects()}, {@link #object(String)}) and how many puts it received ({@link #puts()}).
 *
 * <pre>{@code
 * InMemoryArchiveStore archive = new InMemoryArchiveStore();
 * TtlArchive.processor(archive, ArchiveLayout.of("id")).process(eventJson);
 * archive.objects().keySet().forEach(System.out::println);
 * }</pre>
 *
 * <p>Thread-safe: every method locks the store.
 */
public final class InMemoryArchiveStore implements ArchiveStore {
    private final Map<String, byte[]> objects = new TreeMap<>();
    private int puts;

    @Override
    public synchronized void put(String key, byte[] json) {
        Objects.requireNonNull(key, "key");
        objects.put(key, Objects.requireNonNull(json, "json").clone());
        puts++;
    }

    /** Every object's content as UTF-8 text, by key, in key order. */
    public synchronized Map<String, String> objects() {
        Map<String, String> texts = new TreeMap<>();
        objects.forEach((key, json) -> texts.put(key, new String(json, StandardCharsets.UTF_8)));
        return Collections.unmodifiableMap(texts);
    }

    /** One object's content as UTF-8 text. */
    public synchronized Optional<String> object(String key) {
        return Optional.ofNullable(objects.get(key)).map(json -> new String(json, StandardCharsets.UTF_8));
    }

    /** How many puts were made, counting those that replaced an object. */
    public synchronized int puts() {
        return puts;
    }
}
