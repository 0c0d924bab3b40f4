package org.monosweep.gpunode.simulate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.CellResult.ProbeAccuracy;
import org.monosweep.protocol.CellResult;
import org.monosweep.spec.AugmentationSubset;
import org.monosweep.spec.Cell;
import org.monosweep.spec.DatasetKind;
import org.monosweep.spec.DatasetRef;
import org.monosweep.spec.EncoderKind;
import org.monosweep.spec.Hyperparameters;
import org.monosweep.spec.Method;
import org.monosweep.spec.ProbeSettings;
import org.monosweep.spec.SampleSize;
import org.monosweep.spec.TrainBudget;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;

/** The simulated runner on a hand-driven clock, plus one lower-bound check on the real one. */
class SimulatedCellRunnerTest {
  private static final long MS = 1_000_000L;

  @TempDir Path workDir;

  private final List<String> epochs = new ArrayList<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();

  @Test
  void zeroHoldReturnsAResultWithoutWaiting() {
    ManualPause pause = new ManualPause();

    CellResult result = SimulatedCellRunner.holding(Duration.ZERO, pause).run(cell(1), context());

    assertThat(pause.pauses).isEmpty();
    assertThat(result.probes()).isNotEmpty();
  }

  @Test
  void holdsTheWholeDurationCheckingAtLeastEveryPollInterval() {
    ManualPause pause = new ManualPause();

    SimulatedCellRunner.holding(Duration.ofMillis(35), pause).run(cell(1), context());

    assertThat(pause.pauses).containsExactly(10 * MS, 10 * MS, 10 * MS, 5 * MS);
    assertThat(pause.now).isEqualTo(35 * MS);
  }

  @Test
  void keepsHoldingWhenAPauseEndsEarly() {
    ManualPause pause = new ManualPause();
    pause.fractionSlept = 0.5;

    SimulatedCellRunner.holding(Duration.ofMillis(4), pause).run(cell(1), context());

    assertThat(pause.now).isGreaterThanOrEqualTo(4 * MS);
    assertThat(pause.pauses).hasSizeGreaterThan(1);
  }

  @Test
  void stopsWithARetryableInterruptedFailureAtTheFirstCheckAfterCancellation() {
    ManualPause pause = new ManualPause();
    pause.onPause = count -> cancelled.set(count == 2);

    assertThatThrownBy(() -> SimulatedCellRunner.holding(Duration.ofHours(1), pause)
        .run(cell(1), context()))
        .isInstanceOfSatisfying(CellFailure.class, failure -> {
          assertThat(failure.getMessage()).isEqualTo("interrupted");
          assertThat(failure.retryable()).isTrue();
        });
    assertThat(pause.pauses).hasSize(2);
    assertThat(epochs).isEmpty();
  }

  @Test
  void aCellCancelledBeforeItStartsDoesNotRunEvenWithZeroHold() {
    cancelled.set(true);

    assertThatThrownBy(() -> SimulatedCellRunner.holding(Duration.ZERO, new ManualPause())
        .run(cell(1), context()))
        .isInstanceOf(CellFailure.class).hasMessage("interrupted");
    assertThat(epochs).isEmpty();
  }

  @Test
  void anInterruptedThreadStopsTheHold() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> SimulatedCellRunner.holding(Duration.ofHours(1), new ManualPause())
          .run(cell(1), context()))
          .isInstanceOf(CellFailure.class).hasMessage("interrupted");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void reportsOneTrainEpochAndAProbePerConvLayerWithinRangeAndNoArtifacts() {
    Cell cell = cell(7);

    CellResult result = SimulatedCellRunner.holding(Duration.ofMillis(20), new ManualPause())
        .run(cell, context());

    assertThat(epochs).containsExactly("train 1/1");
    assertThat(result.probes()).extracting(ProbeAccuracy::layer)
        .containsExactly("conv1", "conv2", "conv3", "conv4");
    assertThat(result.probes()).allSatisfy(p -> {
      assertThat(p.top1()).isBetween(SimulatedCellRunner.MIN_TOP1, SimulatedCellRunner.MAX_TOP1);
      assertThat(p.epochs()).isEqualTo(cell.probe().epochs());
    });
    assertThat(result.metrics()).singleElement()
        .satisfies(m -> assertThat(m.phase()).isEqualTo("train"));
    assertThat(result.artifacts()).isEmpty();
    assertThat(result.flags()).isEmpty();
    assertThat(result.trainSeconds()).isEqualTo(0.02);
  }

  @Test
  void theResultIsAFunctionOfTheCellId() {
    SimulatedCellRunner runner =
        SimulatedCellRunner.holding(Duration.ofMillis(3), new ManualPause());

    CellResult first = runner.run(cell(1), context());
    CellResult again = SimulatedCellRunner.holding(Duration.ofMillis(3), new ManualPause())
        .run(cell(1), context());
    CellResult other = runner.run(cell(2), context());

    assertThat(again).isEqualTo(first);
    assertThat(other.probes()).isNotEqualTo(first.probes());
  }

  @Test
  void theSystemClockHoldsTheThreadAtLeastTheDuration() {
    long start = System.nanoTime();

    SimulatedCellRunner.holding(Duration.ofMillis(25)).run(cell(1), context());

    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(25 * MS);
  }

  @Test
  void rejectsANegativeHold() {
    assertThatThrownBy(() -> SimulatedCellRunner.holding(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-0.001S");
  }

  private CellRunContext context() {
    return new CellRunContext(workDir,
        (phase, epoch, total, loss, perSecond) -> epochs.add(phase + " " + epoch + "/" + total),
        cancelled::get);
  }

  private static Cell cell(long seed) {
    return Cell.of(Method.ROTNET, SampleSize.of(1), AugmentationSubset.ALL, seed,
        new DatasetRef(DatasetKind.FASHION_MNIST, "/data/fashion"), "/img/source.jpg",
        EncoderKind.SMALL4, new TrainBudget(2, 128, 64), ProbeSettings.paper(),
        new Hyperparameters(Map.of()));
  }

  /** A clock that moves only when the runner pauses. */
  private static final class ManualPause implements Pause {
    final List<Long> pauses = new ArrayList<>();
    long now;
    double fractionSlept = 1.0;
    java.util.function.IntConsumer onPause = count -> {};

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void pause(long nanos) {
      pauses.add(nanos);
      now += Math.max(1, (long) (nanos * fractionSlept));
      onPause.accept(pauses.size());
    }
  }
}
