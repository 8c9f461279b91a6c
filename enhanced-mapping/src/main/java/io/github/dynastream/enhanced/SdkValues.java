package io.github.dynastream.enhanced;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Builds the SDK attribute values of one image for the image readers ({@link SdkJsonReader} over
 * tokens, {@link SdkJsonBytes} over bytes), as cheaply as the SDK allows. Each reader keeps one,
 * reused from image to image on its thread. Not thread-safe.
 */
final class SdkValues {
    static final AttributeValue TRUE = AttributeValue.fromBool(true);
    static final AttributeValue FALSE = AttributeValue.fromBool(false);
    static final AttributeValue NUL = AttributeValue.fromNul(true);

    /** Scratch containers that grew past this are let go, so a huge image's leave no big array behind. */
    private static final int KEPT_CAPACITY = 256;

    // One builder per type for the whole image: a builder costs more than the value it builds (an
    // EnumSet of the types set on it, the union bookkeeping), and once it has its type, setting the
    // same member again is a field write. The values built are immutable and independent of it.
    private AttributeValue.Builder strings;
    private AttributeValue.Builder numbers;
    private AttributeValue.Builder maps;
    private AttributeValue.Builder lists;
    private AttributeValue.Builder stringSets;

    // The builders copy the maps and lists they are given, so a nested map or list is read into a
    // scratch one kept for its depth and reused for the next at that depth; only the image's own
    // map is handed on, to the schema.
    private final List<AttributeMap> mapsByDepth = new ArrayList<>();
    private final List<List<AttributeValue>> listsByDepth = new ArrayList<>();
    private List<String> setMembers;
    private int depth;

    AttributeValue string(String value) {
        if (strings == null) {
            strings = AttributeValue.builder();
        }
        return strings.s(value).build();
    }

    AttributeValue number(String value) {
        if (numbers == null) {
            numbers = AttributeValue.builder();
        }
        return numbers.n(value).build();
    }

    /** The binary value of base64 text, or null if it is not base64. */
    static AttributeValue binary(String base64) {
        try {
            return AttributeValue.fromB(
                    SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An empty scratch map for a nested map's attributes; give it back with {@link #closeMap}. */
    AttributeMap openMap() {
        while (mapsByDepth.size() <= depth) {
            mapsByDepth.add(new AttributeMap(8));
        }
        return mapsByDepth.get(depth++);
    }

    /** The map value of the scratch map's attributes, or null if reading them failed; empties it. */
    AttributeValue closeMap(AttributeMap scratch, boolean read) {
        try {
            if (!read) {
                return null;
            }
            if (maps == null) {
                maps = AttributeValue.builder();
            }
            return maps.m(scratch).build();
        } finally {
            scratch.clear();
            if (scratch.capacity() > KEPT_CAPACITY) {
                mapsByDepth.set(depth - 1, new AttributeMap(8));
            }
            depth--;
        }
    }

    /** An empty scratch list for a list's elements; give it back with {@link #closeList}. */
    List<AttributeValue> openList() {
        while (listsByDepth.size() <= depth) {
            listsByDepth.add(new ArrayList<>());
        }
        return listsByDepth.get(depth++);
    }

    /** The list value of the scratch list's elements, or null if reading them failed; empties it. */
    AttributeValue closeList(List<AttributeValue> elements, boolean read) {
        try {
            if (!read) {
                return null;
            }
            if (lists == null) {
                lists = AttributeValue.builder();
            }
            return lists.l(elements).build();
        } finally {
            if (elements.size() > KEPT_CAPACITY) {
                listsByDepth.set(depth - 1, new ArrayList<>());
            } else {
                elements.clear();
            }
            depth--;
        }
    }

    /** Lets go of every scratch container, after a read that ended in an exception left some open. */
    void discardScratch() {
        mapsByDepth.clear();
        listsByDepth.clear();
        setMembers = null;
        depth = 0;
    }

    /** An empty scratch list for a set's members (sets hold no sets, so one is enough). */
    List<String> openSet() {
        if (setMembers == null || setMembers.size() > KEPT_CAPACITY) {
            setMembers = new ArrayList<>();
        }
        setMembers.clear();
        return setMembers;
    }

    /** The set value of the members, or null if a {@code BS} member is not base64. */
    AttributeValue set(String type, List<String> members) {
        switch (type) {
            case "SS":
                if (stringSets == null) {
                    stringSets = AttributeValue.builder();
                }
                return stringSets.ss(members).build();
            case "NS":
                return AttributeValue.fromNs(members);
            default:
                List<SdkBytes> bytes = new ArrayList<>(members.size());
                for (String member : members) {
                    AttributeValue decoded = binary(member);
                    if (decoded == null) {
                        return null;
                    }
                    bytes.add(decoded.b());
                }
                return AttributeValue.fromBs(bytes);
        }
    }
}
