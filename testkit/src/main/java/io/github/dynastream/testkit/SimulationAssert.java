package io.github.dynastream.testkit;

/** Assertions on a simulation; see {@link AbstractSimulationAssert}. */
public final class SimulationAssert extends AbstractSimulationAssert<SimulationAssert> {
    SimulationAssert(Simulation actual) {
        super(actual, SimulationAssert.class);
    }
}
