/**
 * JMH benchmarks of dynastream against the runtime's deserializer, the typed peer pipeline and the
 * parsing floor ({@link io.github.dynastream.benchmarks.StreamBenchmarks}), a cold-start harness
 * ({@link io.github.dynastream.benchmarks.ColdStartHarness}) and the workload they share ({@link
 * io.github.dynastream.benchmarks.Workload}). Not published.
 */
package io.github.dynastream.benchmarks;
