package io.github.dynastream.enhanced;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverter;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The attribute names of a schema and of the schemas nested in it, as the very {@code String}s the
 * schemas look attributes up by: an image read with them hands the schema names that equal its own
 * by identity, which its lookups test first. Found by the names' bytes, as {@link SdkJsonBytes} scans
 * them. Built once per schema; immutable and thread-safe.
 */
final class SchemaNames {
    /** Nested schemas followed at most this deep (schemas may refer to themselves). */
    private static final int MAX_DEPTH = 8;

    private final String[] names;
    private final byte[][] bytes;
    private final int mask;

    private SchemaNames(List<String> all) {
        int slots = Integer.highestOneBit(Math.max(4, all.size() * 4) - 1) << 1;
        names = new String[slots];
        bytes = new byte[slots][];
        mask = slots - 1;
        for (String name : all) {
            if (!isAscii(name)) {
                continue;
            }
            int slot = name.hashCode() & mask;
            while (names[slot] != null && !names[slot].equals(name)) {
                slot = (slot + 1) & mask;
            }
            if (names[slot] == null) {
                names[slot] = name;
                bytes[slot] = name.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** The names of the schema and of the schemas of its nested documents, lists and maps of them. */
    static SchemaNames of(TableSchema<?> schema) {
        List<String> all = new ArrayList<>();
        collect(schema, all, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        return new SchemaNames(all);
    }

    private static void collect(TableSchema<?> schema, List<String> all, Set<TableSchema<?>> seen, int depth) {
        if (depth > MAX_DEPTH || !seen.add(schema)) {
            return;
        }
        List<String> names;
        try {
            names = schema.attributeNames();
        } catch (RuntimeException notListed) {
            return;
        }
        for (String name : names) {
            all.add(name);
            try {
                AttributeConverter<?> converter = schema.converterForAttribute(name);
                if (converter != null) {
                    nested(converter.type(), all, seen, depth + 1);
                }
            } catch (RuntimeException noConverter) {
                // a name without a converter of its own (flattened, say) still counts as a name
            }
        }
    }

    private static void nested(EnhancedType<?> type, List<String> all, Set<TableSchema<?>> seen, int depth) {
        if (type == null || depth > MAX_DEPTH) {
            return;
        }
        type.tableSchema().ifPresent(nested -> collect(nested, all, seen, depth));
        for (EnhancedType<?> parameter : type.rawClassParameters()) {
            nested(parameter, all, seen, depth + 1);
        }
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the schema's name with these ASCII bytes is, for {@link #name} and {@link #bytes}, or -1.
     *
     * @param hash the bytes' {@link String#hashCode()} as a string's
     */
    int indexOf(byte[] b, int start, int length, int hash) {
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            byte[] known = bytes[slot];
            if (known == null) {
                return -1;
            }
            if (known.length == length) {
                int i = 0;
                while (i < length && known[i] == b[start + i]) {
                    i++;
                }
                if (i == length) {
                    return slot;
                }
            }
        }
    }

    /** The name at an index {@link #indexOf} gave. */
    String name(int index) {
        return names[index];
    }

    /** The bytes of the name at an index {@link #indexOf} gave; not to be changed. */
    byte[] bytes(int index) {
        return bytes[index];
    }
}
