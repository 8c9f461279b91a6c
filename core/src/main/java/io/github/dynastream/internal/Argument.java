package io.github.dynastream.internal;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.DynastreamException;
import io.github.dynastream.EventName;
import io.github.dynastream.ItemMappingException;
import io.github.dynastream.mapping.ItemReader;
import io.github.dynastream.mapping.RawImageReader;
import io.github.dynastream.source.RawImage;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** How one handler parameter gets its value from a record; chosen once in {@code build()}. */
final class Argument {
    enum Kind {
        /** The {@link ChangeRecord} itself. */
        RECORD,
        /** The item mapped from the NewImage (INSERT, MODIFY) or the OldImage (REMOVE). */
        ITEM,
        /** {@code Map<String, AttributeValue>}: the same image, unmapped. */
        IMAGE,
        /** {@code Change<T>}: both images, mapped. */
        CHANGE
    }

    static final String OLD_IMAGE = "OldImage";
    static final String NEW_IMAGE = "NewImage";

    private final Kind kind;
    private final ItemReader<?> reader;
    private final Type type;
    private final String itemType;

    private Argument(Kind kind, ItemReader<?> reader, Type type) {
        this.kind = kind;
        this.reader = reader;
        this.type = type;
        this.itemType = type == null ? null : type.getTypeName();
    }

    static Argument record() {
        return new Argument(Kind.RECORD, null, null);
    }

    static Argument image() {
        return new Argument(Kind.IMAGE, null, null);
    }

    /** @param itemType the item's Java type, named when its mapping fails */
    static Argument item(ItemReader<?> reader, Type itemType) {
        return new Argument(Kind.ITEM, reader, itemType);
    }

    /** @param itemType the item's Java type, named when its mapping fails */
    static Argument change(ItemReader<?> reader, Type itemType) {
        return new Argument(Kind.CHANGE, reader, itemType);
    }

    Kind kind() {
        return kind;
    }

    /** The item reader, for {@link Kind#ITEM} and {@link Kind#CHANGE}; else null. */
    ItemReader<?> reader() {
        return reader;
    }

    /** The item type, for {@link Kind#ITEM} and {@link Kind#CHANGE}; else null. */
    Type type() {
        return type;
    }

    /** Whether this argument maps the given image of records with this event name. */
    boolean maps(EventName eventName, boolean newImage) {
        return switch (kind) {
            case ITEM -> newImage == (eventName != EventName.REMOVE);
            case CHANGE -> newImage ? eventName != EventName.REMOVE : eventName != EventName.INSERT;
            default -> false;
        };
    }

    Object resolve(ChangeRecord record, RecordItems items, String method) {
        return switch (kind) {
            case RECORD -> record;
            case IMAGE -> primaryImage(record, method);
            case ITEM ->
                items.item(reader, itemType, primaryImageName(record), requirePrimaryImage(record, method), record);
            case CHANGE -> change(record, items, method);
        };
    }

    private Change<Object> change(ChangeRecord record, RecordItems items, String method) {
        Object oldItem = null;
        Object newItem = null;
        if (record.eventName() != EventName.INSERT) {
            requireImage(record, record.hasOldImage(), OLD_IMAGE, method);
            oldItem = items.item(reader, itemType, OLD_IMAGE, false, record);
        }
        if (record.eventName() != EventName.REMOVE) {
            requireImage(record, record.hasNewImage(), NEW_IMAGE, method);
            newItem = items.item(reader, itemType, NEW_IMAGE, true, record);
        }
        return new Change<>(oldItem, newItem);
    }

    private static String primaryImageName(ChangeRecord record) {
        return record.eventName() == EventName.REMOVE ? OLD_IMAGE : NEW_IMAGE;
    }

    /** Checks the primary image is there; true when it is the NewImage. */
    private static boolean requirePrimaryImage(ChangeRecord record, String method) {
        if (record.eventName() == EventName.REMOVE) {
            requireImage(record, record.hasOldImage(), OLD_IMAGE, method);
            return false;
        }
        requireImage(record, record.hasNewImage(), NEW_IMAGE, method);
        return true;
    }

    private static void requireImage(ChangeRecord record, boolean present, String name, String method) {
        if (!present) {
            throw ApiExceptions.get()
                    .missingImage(
                            record.eventId(),
                            record.sequenceNumber(),
                            name,
                            record.streamViewType().orElse(null),
                            method);
        }
    }

    private static Map<String, AttributeValue> primaryImage(ChangeRecord record, String method) {
        return record.eventName() == EventName.REMOVE
                ? required(record, record.oldImage(), OLD_IMAGE, method)
                : required(record, record.newImage(), NEW_IMAGE, method);
    }

    static Map<String, AttributeValue> required(
            ChangeRecord record, Optional<Map<String, AttributeValue>> image, String name, String method) {
        requireImage(record, image.isPresent(), name, method);
        return image.get();
    }

    /**
     * Items already mapped for one record, so several methods taking the same type share one mapping.
     * Not thread-safe: one instance per record.
     */
    static final class RecordItems {
        private ItemReader<?>[] readers = new ItemReader<?>[2];
        private String[] images = new String[2];
        private Object[] items = new Object[2];
        private int size;

        /**
         * The item mapped from one of the record's images, mapped at most once per reader. Reads the
         * image straight from the event's bytes when the reader can and the image was not decoded yet.
         */
        Object item(ItemReader<?> reader, String itemType, String image, boolean newImage, ChangeRecord record) {
            for (int i = 0; i < size; i++) {
                if (readers[i] == reader && images[i].equals(image)) {
                    return items[i];
                }
            }
            Object item;
            try {
                RawImage raw = reader instanceof RawImageReader<?> ? RecordInternals.rawImage(record, newImage) : null;
                Object readInPlace = raw == null ? null : raw.takeItemReadBy(reader);
                if (readInPlace != null) {
                    item = readInPlace;
                } else if (raw != null) {
                    item = ((RawImageReader<?>) reader).readRaw(raw);
                } else {
                    item = reader.read(
                            newImage
                                    ? record.newImage().orElseThrow()
                                    : record.oldImage().orElseThrow());
                }
            } catch (ItemMappingException e) {
                throw e.forRecord(record.eventId(), record.sequenceNumber(), image);
            } catch (DynastreamException e) {
                throw e;
            } catch (RuntimeException e) {
                // A mapper of the user's own, or a converter inside one, failed in its own words; those
                // may hold values, so only the exception's type is named and the exception is not kept.
                throw new ItemMappingException(
                                "",
                                itemType,
                                "the item mapper failed with " + e.getClass().getName())
                        .forRecord(record.eventId(), record.sequenceNumber(), image);
            }
            if (size == readers.length) {
                readers = Arrays.copyOf(readers, size * 2);
                images = Arrays.copyOf(images, size * 2);
                items = Arrays.copyOf(items, size * 2);
            }
            readers[size] = reader;
            images[size] = image;
            items[size] = item;
            size++;
            return item;
        }
    }
}
