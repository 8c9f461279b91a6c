/**
 * How stream images become the item types handler methods take. The entry point is {@link
 * io.github.dynastream.mapping.ItemMapper#jackson()}.
 */
package io.github.dynastream.mapping;
