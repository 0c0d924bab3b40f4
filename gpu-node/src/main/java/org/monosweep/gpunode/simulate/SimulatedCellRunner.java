package org.monosweep.gpunode.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.monosweep.protocol.CellResult.EpochMetric;
import org.monosweep.protocol.CellResult.ProbeAccuracy;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.Cell;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import org.monosweep.trainer.train.CellRunner;

/**
 * A {@link CellRunner} that trains nothing: it holds the calling thread (its slot) for a fixed
 * time, reports one {@code train} epoch and returns a synthetic {@link CellResult}. It exercises
 * everything around training (work pulling, the wire, the coordinator's bookkeeping, the results
 * writer and H2) at any cell rate, with no GPU, dataset or DJL. It backs {@code monosweep bench
 * dispatch}, {@code monosweep node --simulate DURATION} and the multi-JVM chaos tests.
 *
 * <p>While it holds, it checks the context's cancellation flag at least every {@link
 * #POLL_INTERVAL} and then stops with the retryable {@code CellFailure("interrupted")} that real
 * trainers throw; so does an interrupt of its thread. A hold of zero returns at once (after one
 * cancellation check).
 *
 * <p>The result is a pure function of the cell's id, so two runs of a cell (a retry, another
 * node) return equal results: one probe per conv layer of the cell's encoder ({@code conv1}
 * first) with top-1 in [0.1, 0.9], one {@code train} loss metric for epoch 1, no artifacts, no
 * flags, and {@code trainSeconds} the nominal hold.
 *
 * <p>Thread-safe and stateless: one instance serves all of a node's slots.
 */
public final class SimulatedCellRunner implements CellRunner {

  /** The longest stretch between two checks of the cancellation flag. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(10);

  /** Lowest and highest synthetic probe accuracy (10 classes: chance is 0.1). */
  static final double MIN_TOP1 = 0.1;
  static final double MAX_TOP1 = 0.9;

  /** Probe feature dimension reported for every layer; the value only has to be plausible. */
  private static final int FEATURE_DIM = 512;

  private final Duration hold;
  private final Pause pause;

  private SimulatedCellRunner(Duration hold, Pause pause) {
    this.hold = hold;
    this.pause = pause;
  }

  /**
   * A runner that holds each cell for {@code hold}.
   *
   * @param hold how long a cell occupies its slot; zero for no wait at all
   * @throws IllegalArgumentException if {@code hold} is negative
   */
  public static SimulatedCellRunner holding(Duration hold) {
    return holding(hold, Pause.SYSTEM);
  }

  /** As {@link #holding(Duration)}, reading time and waiting through {@code pause}. */
  static SimulatedCellRunner holding(Duration hold, Pause pause) {
    Objects.requireNonNull(hold, "hold");
    Objects.requireNonNull(pause, "pause");
    if (hold.isNegative()) {
      throw new IllegalArgumentException("a simulated cell holds its slot for >= 0 s, got " + hold);
    }
    return new SimulatedCellRunner(hold, pause);
  }

  /** How long each cell holds its slot. */
  public Duration hold() {
    return hold;
  }

  /**
   * Holds the thread for {@link #hold()}, then reports epoch 1 of 1 and returns the cell's
   * synthetic result.
   *
   * @throws CellFailure {@code interrupted} (retryable) when the cell is cancelled or the thread
   *     interrupted before the hold is over
   */
  @Override
  public CellResult run(Cell cell, CellRunContext context) {
    long start = pause.nanoTime();
    long holdNanos = hold.toNanos();
    stopIfCancelled(context);
    for (long left = holdNanos; left > 0; left = holdNanos - (pause.nanoTime() - start)) {
      pause.pause(Math.min(left, POLL_INTERVAL.toNanos()));
      stopIfCancelled(context);
    }
    SplittableRandom random = new SplittableRandom(Long.parseUnsignedLong(cell.id().value(), 16));
    double loss = 0.5 + random.nextDouble();
    context.progress().onEpoch("train", 1, 1, loss, 0.0);
    List<ProbeAccuracy> probes = new ArrayList<>();
    for (int layer = 1; layer <= cell.encoder().convLayers(); layer++) {
      probes.add(new ProbeAccuracy("conv" + layer, random.nextDouble(MIN_TOP1, MAX_TOP1),
          cell.probe().epochs(), FEATURE_DIM));
    }
    return new CellResult(probes, List.of(new EpochMetric("train", 1, 1, "loss", loss)),
        List.of(), holdNanos / 1e9, 0.0, List.of());
  }

  private static void stopIfCancelled(CellRunContext context) {
    if (context.cancelled().getAsBoolean()) {
      throw new CellFailure("interrupted", true, null);
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new CellFailure("interrupted", true, new InterruptedException());
    }
  }

  @Override
  public String toString() {
    return "SimulatedCellRunner.holding(" + hold + ")";
  }
}
