package io.github.dynastream.kcl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class that could reach beyond loopback, or that tried to: before the class, every
 * network interface that is up must be loopback (the JVM runs in the namespace {@code
 * src/test/netns/bin/java} makes; a connection to any other address then fails at once);
 * during it, EC2's instance-metadata address, which that namespace puts on loopback, is watched, and
 * after it any connection made to it fails the class.
 */
final class LoopbackOnly implements BeforeAllCallback, AfterAllCallback {
    static final InetAddress INSTANCE_METADATA = address("169.254.169.254");

    private final List<String> tripped = Collections.synchronizedList(new ArrayList<>());
    private ServerSocket tripwire;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        List<String> beyondLoopback = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                beyondLoopback.add(nic.getName());
            }
        }
        if (!beyondLoopback.isEmpty()) {
            throw new IllegalStateException("these tests must run where only loopback is reachable, but interfaces "
                    + beyondLoopback + " are up: run them through failsafe, whose JVM is"
                    + " src/test/netns/bin/java");
        }
        tripwire = new ServerSocket();
        tripwire.bind(new InetSocketAddress(INSTANCE_METADATA, 80));
        Thread watcher = new Thread(this::watch, "instance-metadata-tripwire");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watch() {
        while (!tripwire.isClosed()) {
            try (Socket caller = tripwire.accept()) {
                tripped.add("a connection to " + INSTANCE_METADATA.getHostAddress() + ":80 from "
                        + caller.getRemoteSocketAddress());
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** The connections to the instance-metadata address so far. */
    List<String> tripped() {
        return List.copyOf(tripped);
    }

    /** Forgets what was seen (for the test that proves the tripwire works). */
    void clear() {
        tripped.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (tripwire != null) {
            tripwire.close();
        }
        if (!tripped.isEmpty()) {
            throw new AssertionError(
                    "something asked EC2's instance metadata although only loopback may be used: " + tripped);
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a TCP connection to {@code address:port} can be opened from here. */
    static boolean canConnect(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (SocketException refusedOrUnreachable) {
            return false;
        } catch (IOException timedOut) {
            return false;
        }
    }
}
