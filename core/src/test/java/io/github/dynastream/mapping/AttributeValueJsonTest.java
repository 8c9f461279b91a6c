package io.github.dynastream.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeValueJsonTest {

    @Test
    void everyTypeIsWrittenAsDynamoDbWritesItAndReadBackEqual() throws IOException {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", new AttributeValue.S("{not json}"));
        item.put("n", new AttributeValue.N(new BigDecimal("12345678901234567890123456789012345678")));
        item.put("scaled", new AttributeValue.N(new BigDecimal("25.00")));
        item.put("b", new AttributeValue.B(new byte[] {0, -1, 7}));
        item.put("bool", new AttributeValue.Bool(true));
        item.put("null", AttributeValue.Null.INSTANCE);
        item.put("ss", new AttributeValue.SS(List.of("b", "a")));
        item.put("ns", new AttributeValue.NS(List.of(new BigDecimal("2"), new BigDecimal("1.5"))));
        item.put("bs", new AttributeValue.BS(List.of(new byte[] {1}, new byte[] {2})));
        item.put("l", new AttributeValue.L(List.of(new AttributeValue.S("x"), AttributeValue.Null.INSTANCE)));
        item.put("m", new AttributeValue.M(Map.of("inner", new AttributeValue.N(BigDecimal.ONE))));

        String json = AttributeValueJson.toJson(item);

        assertThat(json)
                .startsWith("{\"s\":{\"S\":\"{not json}\"},\"n\":{\"N\":\"12345678901234567890123456789012345678\"},"
                        + "\"scaled\":{\"N\":\"25.00\"},\"b\":{\"B\":\"AP8H\"},\"bool\":{\"BOOL\":true},"
                        + "\"null\":{\"NULL\":true},\"ss\":{\"SS\":[\"b\",\"a\"]}");
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            assertThat(AttributeValueJson.fromJson(AttributeValueJson.toJson(attribute.getValue())))
                    .as(attribute.getKey())
                    .isEqualTo(attribute.getValue());
        }
    }

    @Test
    void textThatIsNotOneTypedValueIsRejectedWithoutQuotingIt() {
        assertThatThrownBy(() -> AttributeValueJson.fromJson("{\"X\":\"secret\"}"))
                .isInstanceOf(IOException.class)
                .hasMessage("unknown type");
        assertThatThrownBy(() -> AttributeValueJson.fromJson("{\"S\":\"a\",\"N\":\"1\"}"))
                .hasMessage("more than one type");
        assertThatThrownBy(() -> AttributeValueJson.fromJson("{\"S\":\"a\"} {}"))
                .hasMessage("trailing content");
    }

    @Test
    void aNestingDeeperThanAnyImageCanHaveFailsFast() {
        String deep = "{\"L\":[".repeat(500) + "{\"NULL\":true}" + "]}".repeat(500);

        assertThatThrownBy(() -> AttributeValueJson.fromJson(deep)).isInstanceOf(IOException.class);
    }
}
