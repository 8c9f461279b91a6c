package io.github.dynastream.mapping;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;

/**
 * Maps stream images to the item types handler methods take. The processor asks for one reader per
 * item type in {@code build()}, so all reflection happens there; readers run per record.
 *
 * <pre>{@code
 * StreamProcessor processor = StreamProcessor.builder()
 *         .handler(new OrderEvents())
 *         .itemMapper(ItemMapper.jackson(myObjectMapper))
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe. The default is {@link #jackson()}; the {@code
 * dynastream-enhanced-mapping} module adds one backed by the DynamoDB Enhanced Client's {@code
 * TableSchema}.
 */
public interface ItemMapper {
    /**
     * Prepares a reader for one item type.
     *
     * @param itemType the handler parameter's type, generic types included
     * @return a thread-safe reader
     * @throws IllegalArgumentException if this mapper cannot map to that type, saying why
     */
    <T> ItemReader<T> readerFor(Type itemType);

    /**
     * Prepares a writer for one item type: the inverse of {@link #readerFor(Type)}, so an item written
     * and read back is equal to the original. The testkit builds events with it.
     *
     * @param itemType the item's type, generic types included
     * @return a thread-safe writer
     * @throws IllegalArgumentException if this mapper cannot write that type, saying why
     */
    <T> ItemWriter<T> writerFor(Type itemType);

    /**
     * Jackson with {@link JacksonItemMapper#defaultObjectMapper()}'s behaviour: {@link
     * JacksonItemMapper#standard()}, which reads plain records and beans without jackson-databind.
     */
    static ItemMapper jackson() {
        return JacksonItemMapper.standard();
    }

    /**
     * Jackson with your {@link ObjectMapper} (its modules, naming strategy, features). dynastream only
     * turns off {@code ACCEPT_FLOAT_AS_INT} on its readers, so a fractional number never truncates
     * silently into an integer field.
     */
    static ItemMapper jackson(ObjectMapper objectMapper) {
        return JacksonItemMapper.of(objectMapper);
    }
}
