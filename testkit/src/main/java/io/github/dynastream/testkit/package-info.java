/**
 * Testing support for dynastream handlers. Entry points: {@link
 * io.github.dynastream.testkit.StreamEvents#table(String)} to write stream events, {@link
 * io.github.dynastream.testkit.StreamAssertions} for AssertJ assertions, {@link
 * io.github.dynastream.testkit.EventSourceMappingSimulator#builder()} to run a handler under Lambda's
 * retry and checkpoint rules, and {@link io.github.dynastream.testkit.StreamGenerators} with {@link
 * io.github.dynastream.testkit.Theories} for QuickTheories properties, {@link
 * io.github.dynastream.testkit.LocalAws} for a real AWS API on loopback (moto), {@link
 * io.github.dynastream.testkit.LocalStreamRunner#builder()} to run a handler on a real DynamoDB stream
 * under the simulator's rules, and {@link io.github.dynastream.testkit.SamTemplate} to check a SAM
 * template's wiring.
 */
package io.github.dynastream.testkit;
