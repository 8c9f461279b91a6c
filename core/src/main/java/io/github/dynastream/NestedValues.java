package io.github.dynastream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Equality, hash codes and text of {@link AttributeValue.M} and {@link AttributeValue.L}, walked with
 * an explicit stack instead of recursion: a value built in code can nest any depth (the processor
 * bounds only what it decodes), and comparing, hashing or printing it must not run out of stack.
 */
final class NestedValues {
    private NestedValues() {}

    /** As {@code Map.equals} and {@code List.equals} would compare them, all the way down. */
    static boolean equal(AttributeValue a, AttributeValue b) {
        List<AttributeValue> left = new ArrayList<>();
        List<AttributeValue> right = new ArrayList<>();
        left.add(a);
        right.add(b);
        while (!left.isEmpty()) {
            AttributeValue x = left.remove(left.size() - 1);
            AttributeValue y = right.remove(right.size() - 1);
            if (x == y) {
                continue;
            }
            if (x == null || y == null) {
                return false;
            }
            if (x instanceof AttributeValue.M mx) {
                if (!(y instanceof AttributeValue.M my)
                        || mx.value().size() != my.value().size()) {
                    return false;
                }
                for (Map.Entry<String, AttributeValue> member : mx.value().entrySet()) {
                    AttributeValue other = my.value().get(member.getKey());
                    if (other == null && !my.value().containsKey(member.getKey())) {
                        return false;
                    }
                    left.add(member.getValue());
                    right.add(other);
                }
            } else if (x instanceof AttributeValue.L lx) {
                if (!(y instanceof AttributeValue.L ly)
                        || lx.value().size() != ly.value().size()) {
                    return false;
                }
                left.addAll(lx.value());
                right.addAll(ly.value());
            } else if (!x.equals(y)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A hash consistent with {@link #equal}: the sum, over every value inside, of its own hash mixed
     * with its path (map keys, list indexes). A sum does not depend on the order maps are walked in,
     * and equal values have equal paths to equal members.
     */
    static int hash(AttributeValue root) {
        List<AttributeValue> values = new ArrayList<>();
        List<Integer> paths = new ArrayList<>();
        values.add(root);
        paths.add(17);
        int hash = 0;
        while (!values.isEmpty()) {
            AttributeValue value = values.remove(values.size() - 1);
            int path = paths.remove(paths.size() - 1);
            if (value instanceof AttributeValue.M m) {
                hash += mix(path, 'M');
                for (Map.Entry<String, AttributeValue> member : m.value().entrySet()) {
                    values.add(member.getValue());
                    paths.add(mix(path, member.getKey().hashCode()));
                }
            } else if (value instanceof AttributeValue.L l) {
                hash += mix(path, 'L');
                for (int i = 0; i < l.value().size(); i++) {
                    values.add(l.value().get(i));
                    paths.add(mix(path, 31 * i + 7));
                }
            } else {
                hash += mix(path, value == null ? 0 : value.hashCode());
            }
        }
        return hash;
    }

    private static int mix(int a, int b) {
        int h = a * 0x9E3779B9 + b;
        return h ^ (h >>> 16);
    }

    /** The text records give: {@code M[value={a=S[value=x]}]}, {@code L[value=[N[1]]]}. */
    static String text(AttributeValue root) {
        StringBuilder text = new StringBuilder();
        List<Object> pending = new ArrayList<>(); // values still to write, and literal text between them
        pending.add(root);
        while (!pending.isEmpty()) {
            Object next = pending.remove(pending.size() - 1);
            if (next instanceof String literal) {
                text.append(literal);
            } else if (next instanceof AttributeValue.M m) {
                text.append("M[value={");
                pending.add("}]");
                List<Map.Entry<String, AttributeValue>> members =
                        new ArrayList<>(m.value().entrySet());
                for (int i = members.size() - 1; i >= 0; i--) {
                    pending.add(
                            members.get(i).getValue() == null
                                    ? "null"
                                    : members.get(i).getValue());
                    pending.add((i > 0 ? ", " : "") + members.get(i).getKey() + "=");
                }
            } else if (next instanceof AttributeValue.L l) {
                text.append("L[value=[");
                pending.add("]]");
                for (int i = l.value().size() - 1; i >= 0; i--) {
                    pending.add(l.value().get(i));
                    if (i > 0) {
                        pending.add(", ");
                    }
                }
            } else {
                text.append(next);
            }
        }
        return text.toString();
    }
}
