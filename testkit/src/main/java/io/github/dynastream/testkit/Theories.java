package io.github.dynastream.testkit;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.ExceptionReporter;
import org.quicktheories.core.Reporter;

/**
 * QuickTheories runs that repeat: a fixed seed, a bounded number of examples and of shrink cycles,
 * and, when a property fails, its seed and the command that runs it again.
 *
 * <pre>{@code
 * @Test
 * void eachItemIsHandledInOrder() {
 *     Theories.qt(200)
 *             .forAll(StreamGenerators.histories(table).partitionKeys(1, 4))
 *             .checkAssert(history -> { ... });
 * }
 * }</pre>
 *
 * <p>The seed is derived from the calling test's class and method names, so every property has its
 * own and it never changes between runs (renaming the test changes it). Three system properties
 * override the defaults for one run:
 *
 * <ul>
 *   <li>{@code dynastream.seed}: the seed (a failing property prints the one it used);
 *   <li>{@code dynastream.examples}: how many examples each property tries (for a longer local
 *       search: {@code -Ddynastream.examples=10000});
 *   <li>{@code dynastream.shrinks}: how many shrink cycles a failure may take (default {@value
 *       #DEFAULT_SHRINK_CYCLES}).
 * </ul>
 *
 * <p>No run is bounded by time: the same seed tries the same examples on any machine. Thread-safe.
 */
public final class Theories {
    /** The system property that overrides the seed. */
    public static final String SEED_PROPERTY = "dynastream.seed";
    /** The system property that overrides the number of examples. */
    public static final String EXAMPLES_PROPERTY = "dynastream.examples";
    /** The system property that overrides the number of shrink cycles. */
    public static final String SHRINKS_PROPERTY = "dynastream.shrinks";
    /** Shrink cycles allowed by default: enough to reach a small history, bounded for slow properties. */
    public static final int DEFAULT_SHRINK_CYCLES = 2_000;

    private Theories() {}

    /**
     * A QuickTheories entry point seeded for the calling test.
     *
     * @param examples how many examples to try, unless {@value #EXAMPLES_PROPERTY} says otherwise
     * @throws IllegalArgumentException if {@code examples} is not positive
     */
    public static QuickTheory qt(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("examples must be > 0 but was [" + examples + "]");
        }
        StackWalker.StackFrame caller = caller();
        String test = caller.getDeclaringClass().getName() + "#" + caller.getMethodName();
        long seed = longProperty(SEED_PROPERTY).orElseGet(() -> seedFor(test));
        int count = (int) (long) longProperty(EXAMPLES_PROPERTY).orElse((long) examples);
        int shrinks = (int) (long) longProperty(SHRINKS_PROPERTY).orElse((long) DEFAULT_SHRINK_CYCLES);
        return QuickTheory.qt()
                .withFixedSeed(seed)
                .withExamples(count)
                .withShrinkCycles(shrinks)
                .withUnlimitedTestingTime()
                .withReporter(new RerunReporter(test, caller.getDeclaringClass()));
    }

    /** The seed a test gets unless {@value #SEED_PROPERTY} is set: stable across runs and machines. */
    public static long seedFor(String test) {
        long h = 1125899906842597L; // a 64-bit string hash, spread so similar names get distant seeds
        for (int i = 0; i < test.length(); i++) {
            h = 31 * h + test.charAt(i);
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    /** The test method that asked: the nearest frame annotated as a JUnit test, else the direct caller. */
    private static StackWalker.StackFrame caller() {
        List<StackWalker.StackFrame> frames = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(s -> s.skip(2).limit(64).toList());
        for (StackWalker.StackFrame frame : frames) {
            if (isTestMethod(frame)) {
                return frame;
            }
        }
        return frames.get(0);
    }

    private static boolean isTestMethod(StackWalker.StackFrame frame) {
        for (Method method : frame.getDeclaringClass().getDeclaredMethods()) {
            if (method.getName().equals(frame.getMethodName())) {
                for (var annotation : method.getAnnotations()) {
                    String name = annotation.annotationType().getName();
                    if (name.startsWith("org.junit.") && name.endsWith(".Test")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static Optional<Long> longProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "system property " + name + " must be a whole number but was [" + value + "]", e);
        }
    }

    /** QuickTheories' own report, followed by the command that repeats the failing run. */
    private static final class RerunReporter implements Reporter {
        private final String test;
        private final Class<?> testClass;
        private final ExceptionReporter delegate = new ExceptionReporter();

        RerunReporter(String test, Class<?> testClass) {
            this.test = test;
            this.testClass = testClass;
        }

        @Override
        public void falisification(
                long seed, int examples, Object smallest, Throwable cause, List<Object> others, AsString<Object> show) {
            try {
                delegate.falisification(seed, examples, smallest, cause, others, show);
            } catch (AssertionError failure) {
                throw withRerun(failure, seed);
            }
        }

        @Override
        public void falisification(
                long seed, int examples, Object smallest, List<Object> others, AsString<Object> show) {
            try {
                delegate.falisification(seed, examples, smallest, others, show);
            } catch (AssertionError failure) {
                throw withRerun(failure, seed);
            }
        }

        @Override
        public void valuesExhausted(int examples) {
            delegate.valuesExhausted(examples);
        }

        private AssertionError withRerun(AssertionError failure, long seed) {
            String method = test.substring(test.indexOf('#') + 1);
            AssertionError rerun = new AssertionError(
                    failure.getMessage() + System.lineSeparator() + "Run it again with: mvn verify -Dtest='"
                            + testClass.getSimpleName() + "#" + method + "' -Dsurefire.failIfNoSpecifiedTests=false -D"
                            + SEED_PROPERTY + "=" + seed,
                    failure.getCause());
            rerun.setStackTrace(failure.getStackTrace());
            return rerun;
        }
    }
}
