package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Maps and lists compare, hash and print as collections do, at any depth, without recursion. */
class AttributeValueTest {

    /** Built in a loop: {@code levels} maps or lists around a string. */
    static AttributeValue deep(int levels, boolean lists, String leaf) {
        AttributeValue value = AttributeValue.s(leaf);
        for (int i = 1; i < levels; i++) {
            value = lists ? new AttributeValue.L(List.of(value)) : new AttributeValue.M(Map.of("a", value));
        }
        return value;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void valuesHundredsOfThousandsOfLevelsDeepCompareHashAndPrint(boolean lists) {
        AttributeValue one = deep(200_000, lists, "leaf");
        AttributeValue same = deep(200_000, lists, "leaf");
        AttributeValue other = deep(200_000, lists, "fael");

        assertThat(one.equals(same)).isTrue();
        assertThat(one.hashCode()).isEqualTo(same.hashCode());
        assertThat(one.equals(other)).isFalse();
        assertThat(one.toString()).startsWith(lists ? "L[value=[L[value=[" : "M[value={a=M[value={a=");
        assertThat(one.toString()).contains("S[value=leaf]").endsWith(lists ? "]]]]" : "}]}]");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void recordsWithDeepImagesCompareWithoutRecursion() {
        ChangeRecord a = ChangeRecord.builder()
                .eventId("e-1")
                .eventName(EventName.INSERT)
                .sequenceNumber("1")
                .newImage(Map.of("deep", deep(100_000, false, "x")))
                .build();
        ChangeRecord b = a.toBuilder()
                .newImage(Map.of("deep", deep(100_000, false, "x")))
                .build();
        ChangeRecord c =
                a.toBuilder().newImage(Map.of("deep", deep(100_000, true, "x"))).build();

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a.toString()).doesNotContain("deep");
    }

    @Test
    void mapsAreEqualWithTheirMembersInAnyOrderAndListsOnlyInTheirs() {
        Map<String, AttributeValue> ab = new LinkedHashMap<>();
        ab.put("a", AttributeValue.n("1.50"));
        ab.put("b", new AttributeValue.L(List.of(AttributeValue.s("x"), AttributeValue.Null.INSTANCE)));
        Map<String, AttributeValue> ba = new LinkedHashMap<>();
        ba.put("b", new AttributeValue.L(List.of(AttributeValue.s("x"), AttributeValue.Null.INSTANCE)));
        ba.put("a", AttributeValue.n("1.5"));

        assertThat(new AttributeValue.M(ab)).isEqualTo(new AttributeValue.M(ba));
        assertThat(new AttributeValue.M(ab).hashCode()).isEqualTo(new AttributeValue.M(ba).hashCode());
        assertThat(new AttributeValue.L(List.of(AttributeValue.s("x"), AttributeValue.s("y"))))
                .isNotEqualTo(new AttributeValue.L(List.of(AttributeValue.s("y"), AttributeValue.s("x"))));
        assertThat(new AttributeValue.M(Map.of())).isNotEqualTo(new AttributeValue.L(List.of()));
        assertThat(new AttributeValue.M(Map.of("a", AttributeValue.s("x"))))
                .isNotEqualTo(new AttributeValue.M(Map.of("b", AttributeValue.s("x"))))
                .isNotEqualTo(new AttributeValue.M(Map.of("a", AttributeValue.s("x"), "b", AttributeValue.s("x"))));
    }

    @Test
    void aMapMayHoldANullMember() {
        Map<String, AttributeValue> withNull = new HashMap<>();
        withNull.put("a", null);
        Map<String, AttributeValue> withOther = new HashMap<>();
        withOther.put("b", null);

        assertThat(new AttributeValue.M(withNull)).isEqualTo(new AttributeValue.M(withNull));
        assertThat(new AttributeValue.M(withNull)).isNotEqualTo(new AttributeValue.M(withOther));
        assertThat(new AttributeValue.M(withNull)).hasToString("M[value={a=null}]");
    }

    @Test
    void printAsRecordsPrint() {
        Map<String, AttributeValue> members = new LinkedHashMap<>();
        members.put("s", AttributeValue.s("x"));
        members.put(
                "l",
                new AttributeValue.L(
                        List.of(new AttributeValue.N(new BigDecimal("1.0")), new AttributeValue.Bool(true))));
        members.put("e", new AttributeValue.M(Map.of()));

        assertThat(new AttributeValue.M(members))
                .hasToString("M[value={s=S[value=x], l=L[value=[N[1.0], Bool[value=true]]], e=M[value={}]}]");
        assertThat(new AttributeValue.L(List.of())).hasToString("L[value=[]]");
    }
}
