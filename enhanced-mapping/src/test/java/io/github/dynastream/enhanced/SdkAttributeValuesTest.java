package io.github.dynastream.enhanced;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dynastream.AttributeValue;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

class SdkAttributeValuesTest {
    private static Map<String, AttributeValue> everyType() {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("s", AttributeValue.s("text"));
        image.put("n", AttributeValue.n("-12345678901234567890.123456789012345678"));
        image.put("b", new AttributeValue.B(new byte[] {0, 1, (byte) 255}));
        image.put("bool", new AttributeValue.Bool(false));
        image.put("null", AttributeValue.Null.INSTANCE);
        image.put("emptyList", new AttributeValue.L(List.of()));
        image.put("emptyMap", new AttributeValue.M(Map.of()));
        image.put("ss", new AttributeValue.SS(List.of("a", "b")));
        image.put("ns", new AttributeValue.NS(List.of(new BigDecimal("1E+100"), new BigDecimal("0.5"))));
        image.put("bs", new AttributeValue.BS(List.of(new byte[] {1}, new byte[] {2, 3})));
        image.put(
                "nested",
                new AttributeValue.M(Map.of(
                        "l",
                        new AttributeValue.L(List.of(
                                AttributeValue.Null.INSTANCE,
                                new AttributeValue.M(Map.of("deep", AttributeValue.n("7"))))))));
        return image;
    }

    @Test
    void everyTypeRoundTripsWithoutJson() {
        Map<String, AttributeValue> image = everyType();

        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> sdk =
                SdkAttributeValues.toSdk(image);

        assertThat(sdk.get("n").n()).isEqualTo("-12345678901234567890.123456789012345678");
        assertThat(sdk.get("null").nul()).isTrue();
        assertThat(sdk.get("emptyList").hasL()).isTrue();
        assertThat(sdk.get("emptyList").l()).isEmpty();
        assertThat(sdk.get("emptyMap").hasM()).isTrue();
        assertThat(sdk.get("b").b()).isEqualTo(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255}));
        assertThat(SdkAttributeValues.fromSdk(sdk)).isEqualTo(image);
        assertThat(SdkAttributeValues.fromSdk(sdk).keySet()).containsExactlyElementsOf(image.keySet());
    }

    @Test
    void aValueOfNoKnownTypeIsRejectedNamingTheAttribute() {
        software.amazon.awssdk.services.dynamodb.model.AttributeValue empty =
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder()
                        .build();

        assertThatThrownBy(() -> SdkAttributeValues.fromSdk(Map.of(
                        "a", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(Map.of("b", empty)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("attribute a.b has no value of a type this SDK version knows");
    }
}
