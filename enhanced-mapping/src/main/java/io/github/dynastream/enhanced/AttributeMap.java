package io.github.dynastream.enhanced;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An image's attributes in insertion order, in one array of entries: what the reader hands to {@code
 * TableSchema.mapToItem} (which walks the entries and looks each one's attribute up in the schema),
 * and what an SDK builder copies a nested map from (by {@link #forEach}). Smaller than a {@code
 * HashMap} of a dozen entries, and walking it creates nothing but the iterator; a name is found by
 * comparing cached hash codes. Read-only to everyone but the reader, which can {@link #clear()} and
 * refill it to read the next nested map. Not thread-safe.
 */
final class AttributeMap extends AbstractMap<String, AttributeValue> {
    private Attribute[] attributes;
    private int size;
    /** A bit per hash seen (of 64): a name whose bit is clear cannot be a duplicate, so it is not looked for. */
    private long hashBits;

    AttributeMap(int capacity) {
        attributes = new Attribute[capacity];
    }

    /** Adds an attribute, or replaces the value of one already there (as JSON's last duplicate wins). */
    void add(String name, AttributeValue value) {
        int hash = name.hashCode();
        long bit = 1L << (hash ^ (hash >>> 6)); // one of 64 bits, by the hash
        if ((hashBits & bit) != 0) {
            int at = indexOf(name, hash);
            if (at >= 0) {
                attributes[at] = new Attribute(name, hash, value);
                return;
            }
        }
        hashBits |= bit;
        if (size == attributes.length) {
            attributes = Arrays.copyOf(attributes, Math.max(4, size * 2));
        }
        attributes[size++] = new Attribute(name, hash, value);
    }

    private int indexOf(Object name, int hash) {
        for (int i = 0; i < size; i++) {
            Attribute attribute = attributes[i];
            if (attribute.hash == hash && attribute.name.equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public AttributeValue get(Object name) {
        int at = name instanceof String s ? indexOf(s, s.hashCode()) : -1;
        return at < 0 ? null : attributes[at].value;
    }

    @Override
    public boolean containsKey(Object name) {
        return name instanceof String s && indexOf(s, s.hashCode()) >= 0;
    }

    /** How many attributes it holds before it grows. */
    int capacity() {
        return attributes.length;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public void clear() {
        Arrays.fill(attributes, 0, size, null);
        size = 0;
        hashBits = 0;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super AttributeValue> action) {
        for (int i = 0; i < size; i++) {
            action.accept(attributes[i].name, attributes[i].value);
        }
    }

    @Override
    public Set<Map.Entry<String, AttributeValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, AttributeValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, AttributeValue> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        return attributes[next++];
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** One attribute: an immutable entry. */
    private static final class Attribute implements Map.Entry<String, AttributeValue> {
        final String name;
        final int hash;
        final AttributeValue value;

        Attribute(String name, int hash, AttributeValue value) {
            this.name = name;
            this.hash = hash;
            this.value = value;
        }

        @Override
        public String getKey() {
            return name;
        }

        @Override
        public AttributeValue getValue() {
            return value;
        }

        @Override
        public AttributeValue setValue(AttributeValue value) {
            throw new UnsupportedOperationException("an image read from a stream event is read-only");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e && name.equals(e.getKey()) && value.equals(e.getValue());
        }

        @Override
        public int hashCode() {
            return hash ^ value.hashCode();
        }

        @Override
        public String toString() {
            return name + "=" + value.type();
        }
    }
}
