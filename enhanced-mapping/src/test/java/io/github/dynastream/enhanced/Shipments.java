package io.github.dynastream.enhanced;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;

/** Sample shipments for the tests. */
final class Shipments {
    private Shipments() {}

    static Shipment full(String id) {
        Shipment s = new Shipment();
        s.setId(id);
        s.setSeq(1);
        s.setParcels(3);
        s.setTotal(new BigDecimal("12345678901234567890.123456789012345678"));
        s.setWeight(2.5);
        s.setExpress(true);
        s.setShippedAt(Instant.parse("2026-11-22T10:15:30.123456789Z"));
        s.setStatus(Shipment.Status.SHIPPED);
        s.setLabel(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255}));
        s.setTags(Set.of("fragile", "gift"));
        s.setScores(Set.of(1, 5));
        s.setBlobs(Set.of(SdkBytes.fromByteArray(new byte[] {9}), SdkBytes.fromByteArray(new byte[] {8, 7})));
        s.setNotes(new ArrayList<>(List.of("leave at door", "")));
        LinkedHashMap<String, String> attributes = new LinkedHashMap<>();
        attributes.put("carrier", "DHL");
        s.setAttributes(attributes);
        s.setAddress(new Shipment.Address("Berlin", null));
        s.setStops(new ArrayList<>(List.of(new Shipment.Address("Leipzig", "04109"))));
        s.setAudit(new Shipment.Audit("alice", Instant.parse("2026-11-21T00:00:00Z")));
        s.setPrice(new Shipment.Money("EUR", new BigDecimal("12.30")));
        s.setComment(null);
        return s;
    }
}
