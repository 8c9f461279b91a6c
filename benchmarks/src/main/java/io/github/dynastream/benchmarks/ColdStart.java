package io.github.dynastream.benchmarks;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, in a fresh JVM: from the first line of {@code main} to the first batch processed.
 * Prints {@code <milliseconds> <max RSS kB>}. Run by {@link ColdStartHarness}.
 */
public final class ColdStart {
    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String pipeline = args[0];
        byte[] event = Files.readAllBytes(Path.of(args[1]));
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

    private static long maxRssKilobytes() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
