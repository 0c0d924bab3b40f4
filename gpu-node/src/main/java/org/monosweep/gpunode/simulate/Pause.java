package org.monosweep.gpunode.simulate;

import java.util.concurrent.locks.LockSupport;

/**
 * How a {@link SimulatedCellRunner} reads time and waits: the system's monotonic clock and
 * {@link LockSupport#parkNanos} in production, a hand-driven clock in tests (the Caffeine
 * {@code Ticker} lesson). Implementations must be safe for the runner's concurrent slots.
 */
interface Pause {
  /** The real thing: {@link System#nanoTime()} and parking the calling thread. */
  Pause SYSTEM = new Pause() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void pause(long nanos) {
      // Parks rather than spins: a hundred simulated slots on two cores must leave the CPU to
      // the coordinator, the wire and the results writer that the benchmark measures.
      LockSupport.parkNanos(nanos);
    }
  };

  /** A monotonic time in nanoseconds, comparable only with other readings of this source. */
  long nanoTime();

  /** Waits about {@code nanos} (possibly less: callers re-check the time and loop). */
  void pause(long nanos);
}
