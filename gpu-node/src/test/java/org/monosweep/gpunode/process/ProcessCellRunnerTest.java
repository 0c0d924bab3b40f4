package org.monosweep.gpunode.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/**
 * {@link ProcessCellRunner} against real child JVMs ({@link ScriptedCellProcess}) that finish,
 * crash, are killed with signal 9, stop when asked, ignore a stop, or echo their device.
 */
class ProcessCellRunnerTest {
  private static final Cell CELL = Cell.of(Method.ROTNET, SampleSize.FULL,
      AugmentationSubset.NONE, 1, new DatasetRef(DatasetKind.FASHION_MNIST, "x"), "",
      EncoderKind.SMALL4, new TrainBudget(1, 8, 8),
      new ProbeSettings(2, 0.01, List.of(1), 5, 0.9, 5e-4, 8, 0, 0), Hyperparameters.EMPTY);

  @TempDir Path work;
  private final List<String> phases = new CopyOnWriteArrayList<>();
  private final AtomicBoolean cancelled = new AtomicBoolean();

  @Test
  void reportsTheProgressAndResultOfAChildThatFinishes() {
    CellResult result = runner("finish", Duration.ofSeconds(60)).run(CELL, context(null));

    assertThat(result.flags()).containsExactly(CELL.id().value());
    assertThat(phases).containsExactly("train");
    assertThat(work.resolve(ProcessCellRunner.JOB_FILE)).exists();
  }

  @Test
  void aChildThatCrashesFailsItsAttemptWithItsExitStatusAndTheTailOfItsLog() {
    assertThatThrownBy(() -> runner("crash", Duration.ofSeconds(60)).run(CELL, context(null)))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasMessageContaining("ended with exit status 3 before reporting a result")
        .hasMessageContaining("fatal: something native broke");
    assertThat(work.resolve(ProcessCellRunner.LOG_FILE)).content()
        .contains("loading the engine");
  }

  @Test
  void aChildKilledWithSignalNineFailsItsAttemptAsRetryable() {
    assertThatThrownBy(() -> runner("wait-for-stop", Duration.ofSeconds(60))
        .run(CELL, context(pid -> ProcessHandle.of(pid).orElseThrow().destroyForcibly())))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasMessageContaining("signal 9 (SIGKILL");
  }

  @Test
  void aCancelledCellStopsItsChildThroughItsInput() {
    assertThatThrownBy(() -> runner("wait-for-stop", Duration.ofSeconds(60))
        .run(CELL, context(pid -> cancelled.set(true))))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasMessage("interrupted");
  }

  @Test
  void aChildThatIgnoresAStopIsKilledAfterTheGrace() {
    ProcessCellRunner runner = ProcessCellRunner.create(command(), Map.of("SCRIPT",
        "ignore-stop"), Duration.ofSeconds(60), Duration.ofMillis(500));
    assertThatThrownBy(() -> runner.run(CELL, context(pid -> cancelled.set(true))))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasMessageContaining("signal 9");
  }

  @Test
  void aSilentChildIsKilledAndItsAttemptFailsAsRetryable() {
    // silent after its pid: the 2 s limit passes with no line at all
    assertThatThrownBy(() -> runner("ignore-stop", Duration.ofSeconds(2))
        .run(CELL, context(null)))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isTrue())
        .hasMessageContaining("was silent for 2 s and was killed");
  }

  @Test
  void eachChildGetsItsSlotsDevice() {
    ProcessCellRunner runner = ProcessCellRunner.create(command(),
        Map.of("SCRIPT", "echo-device", "CUDA_VISIBLE_DEVICES", "2"), Duration.ofSeconds(60),
        Duration.ofSeconds(5));
    assertThatThrownBy(() -> runner.run(CELL, context(null)))
        .isInstanceOfSatisfying(CellFailure.class, f -> assertThat(f.retryable()).isFalse())
        .hasMessage("device 2");
  }

  private ProcessCellRunner runner(String script, Duration silence) {
    return ProcessCellRunner.create(command(), Map.of("SCRIPT", script), silence,
        Duration.ofSeconds(10));
  }

  private static List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx64m", "-cp", System.getProperty("java.class.path"),
        ScriptedCellProcess.class.getName()));
    return command;
  }

  /** A context whose listener records phases and hands a {@code pid:N} phase's pid on. */
  private CellRunContext context(java.util.function.LongConsumer onPid) {
    return new CellRunContext(work, (phase, epoch, epochs, loss, rate) -> {
      if (phase.startsWith("pid:")) {
        if (onPid != null) {
          onPid.accept(Long.parseLong(phase.substring(4)));
        }
      } else {
        phases.add(phase);
      }
    }, cancelled::get);
  }
}
