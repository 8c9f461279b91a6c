#!/usr/bin/env bash
# Builds the benchmarks and runs them all: JMH under the JVM defaults and under Lambda's flags (with
# allocation profiling), then the cold-start harness. Results land in benchmarks/target/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl benchmarks -am package -DskipTests
jar=benchmarks/target/benchmarks.jar
out=benchmarks/target/results
mkdir -p "$out"
java -cp "$jar" io.github.dynastream.benchmarks.Workload "$out/workload"
java -jar "$jar" StreamBenchmarks -prof gc -rf json -rff "$out/jmh-defaults.json" "$@"
java -jar "$jar" StreamBenchmarks -prof gc -rf json -rff "$out/jmh-lambda.json" \
  -jvmArgsAppend "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "$@"
{
  echo "## JVM defaults"; java -cp "$jar" io.github.dynastream.benchmarks.Report "$out/jmh-defaults.json"
  echo; echo "## Lambda's flags (-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)"
  java -cp "$jar" io.github.dynastream.benchmarks.Report "$out/jmh-lambda.json"
  echo; echo "## Interleaved rounds (Lambda's flags): ratios that a slow spell cannot skew"
  java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$jar" \
    io.github.dynastream.benchmarks.InterleavedRatios
  echo; echo "## Cold start (fresh JVM per run, Lambda's flags, 100-record batch, median of 9)"
  java -cp "$jar" io.github.dynastream.benchmarks.ColdStartHarness 9
} | tee "$out/summary.md"
