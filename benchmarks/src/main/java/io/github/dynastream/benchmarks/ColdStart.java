package io.github.dynastream.benchmarks;

import io.github.dynastream.PrimingResult;
import io.github.dynastream.StreamProcessor;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, in a fresh JVM: from the first line of {@code main} to the first batch processed.
 * Prints {@code <milliseconds> <max RSS kB>}. Run by {@link ColdStartHarness}.
 *
 * <p>With a third argument, {@code primed} or {@code unprimed}, a dynastream pipeline's processor is
 * built (and, if {@code primed}, {@link io.github.dynastream.StreamProcessor#prime() primed}) before
 * the first batch, and the line is {@code <main to first batch ms> <max RSS kB> <first batch ms>
 * <priming ms>}: the first number counts building and priming, the third only the batch.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String pipeline = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        if (args.length > 2) {
            priming(start, pipeline, event, args[2].equals("primed"));
            return;
        }
        Pipelines.NoOpHandler handler = new Pipelines.NoOpHandler();
        int handled;
        switch (pipeline) {
            case "dynastream-jackson" -> {
                Pipelines.jacksonProcessor(handler).process(new ByteArrayInputStream(event));
                handled = handler.count;
            }
            case "dynastream-tableschema" -> {
                Pipelines.tableSchemaProcessor(handler).process(new ByteArrayInputStream(event));
                handled = handler.count;
            }
            case "typed-peer" -> {
                Pipelines.TypedPeer peer = new Pipelines.TypedPeer();
                peer.process(event);
                handled = peer.handler().count;
            }
            default -> throw new IllegalArgumentException("unknown pipeline " + pipeline);
        }
        long elapsed = System.nanoTime() - start;
        if (handled == 0) {
            throw new IllegalStateException("no record reached the handler");
        }
        System.out.println(elapsed / 1_000_000.0 + " " + maxRssKilobytes());
    }

    private static void priming(long start, String pipeline, byte[] event, boolean prime) throws Exception {
        Pipelines.NoOpHandler handler = new Pipelines.NoOpHandler();
        StreamProcessor processor = switch (pipeline) {
            case "dynastream-jackson" -> Pipelines.jacksonProcessor(handler);
            case "dynastream-tableschema" -> Pipelines.tableSchemaProcessor(handler);
            default -> throw new IllegalArgumentException("priming applies to dynastream pipelines, not " + pipeline);
        };
        long primeStart = System.nanoTime();
        if (prime) {
            PrimingResult primed = processor.prime();
            if (!primed.isComplete()) {
                throw new IllegalStateException("priming left readers unprimed: " + primed.mappingFailures());
            }
            if (handler.count != 0) {
                throw new IllegalStateException("priming reached the handler");
            }
        }
        long batchStart = System.nanoTime();
        processor.process(new ByteArrayInputStream(event));
        long end = System.nanoTime();
        if (handler.count == 0) {
            throw new IllegalStateException("no record reached the handler");
        }
        System.out.println((end - start) / 1_000_000.0 + " " + maxRssKilobytes() + " "
                + (end - batchStart) / 1_000_000.0 + " " + (batchStart - primeStart) / 1_000_000.0);
    }

    private static long maxRssKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
