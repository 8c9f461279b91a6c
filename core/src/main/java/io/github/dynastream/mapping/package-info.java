/**
 * The mapping step of the flow (source -&gt; record -&gt; idempotency gate -&gt; dispatch -&gt;
 * <b>mapping</b> -&gt; retry -&gt; outcome -&gt; response): how stream images become the item types
 * handler methods take. The entry point is {@link io.github.dynastream.mapping.ItemMapper#jackson()};
 * {@link io.github.dynastream.mapping.RawImageReader} lets a reader map an image straight from the
 * event's bytes.
 */
package io.github.dynastream.mapping;
