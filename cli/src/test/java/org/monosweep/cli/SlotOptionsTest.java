package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.gpunode.process.ProcessCellRunner;
import org.monosweep.gpunode.process.SlotLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * {@code --slots}, {@code --gpus} and {@code --threads-per-slot} on a machine whose GPUs are
 * configured ({@code monosweep.gpu-node.gpus}), so that no real GPU is needed: each slot's cell
 * processes get their GPU in {@code CUDA_VISIBLE_DEVICES}, and a GPU that is not there is an
 * error before anything starts.
 */
class SlotOptionsTest {
  @TempDir Path runs;

  @Command(name = "probe")
  static final class Options {
    @Mixin SlotOptions slots;
  }

  @Test
  void everyListedGpuGetsASlotWhoseCellProcessesSeeOnlyIt() {
    SlotLayout layout = layout(List.of(0, 1, 2, 3), "--gpus", "0,2,3");

    assertThat(layout.size()).isEqualTo(3);
    assertThat(layout.slots()).extracting(s -> s.environment().get("CUDA_VISIBLE_DEVICES"))
        .containsExactly("0", "2", "3");
    assertThat(layout.describe()).isEqualTo("3 slots on GPUs 0, 2, 3");
  }

  @Test
  void gpusAllTakesEveryGpuTheMachineHas() {
    assertThat(layout(List.of(0, 1), "--gpus", "all").slots())
        .extracting(s -> s.gpu().getAsInt()).containsExactly(0, 1);
  }

  @Test
  void aGpuThatIsNotThereIsAnErrorNamingWhatIs() {
    assertThatThrownBy(() -> layout(List.of(0, 1), "--gpus", "0,5"))
        .isInstanceOf(ParameterException.class)
        .hasMessage("--gpus 0,5: GPU 5 is not there; this machine has 0, 1");
    assertThatThrownBy(() -> layout(List.of(), "--gpus", "all"))
        .isInstanceOf(ParameterException.class).hasMessageStartingWith("--gpus all: this"
            + " machine has none");
  }

  @Test
  void cpuSlotsShareTheCoresOrTakeTheThreadsAskedFor() {
    SlotLayout layout = layout(List.of(), "--slots", "2", "--threads-per-slot", "1");

    assertThat(layout.slots()).allSatisfy(s -> {
      assertThat(s.gpu()).isEmpty();
      assertThat(s.environment()).isEqualTo(Map.of("OMP_NUM_THREADS", "1"));
    });
    assertThat(layout.describe()).isEqualTo("2 CPU slots of 1 thread");
  }

  @Test
  void autoGivesOneSlotPerGpuOrSharesTheCoresAmongCpuSlots() {
    assertThat(layout(List.of(0, 1, 2), "--slots", "auto").size()).isEqualTo(3);
    SlotLayout cpu = layout(List.of(), "--slots", "auto");
    int cores = Runtime.getRuntime().availableProcessors();
    assertThat(cpu.size()).isBetween(1, cores);
    assertThat(cpu.slots()).allSatisfy(s -> {
      assertThat(s.gpu()).isEmpty();
      assertThat(s.threads()).isEqualTo(Math.max(1, cores / cpu.size()));
    });
  }

  @Test
  void eachSlotsRunnerStartsItsCellProcessesOnItsGpu() throws Exception {
    Config config = machine(List.of(0, 1, 2, 3));
    try (NodeRunner node = NodeRunner.create(config, new RunsLayout(runs),
        SlotLayout.gpus(List.of(1, 3), 0))) {
      assertThat(((ProcessCellRunner) node.cellRunner(1)).environment())
          .containsEntry("CUDA_VISIBLE_DEVICES", "1");
      assertThat(((ProcessCellRunner) node.cellRunner(2)).environment())
          .containsEntry("CUDA_VISIBLE_DEVICES", "3")
          .containsEntry("OMP_WAIT_POLICY", "PASSIVE");
    }
    assertThat(Files.readString(runs.resolve("cell-process.conf"))).contains("gpus");
  }

  private static SlotLayout layout(List<Integer> gpus, String... args) {
    Options options = new Options();
    new CommandLine(options).parseArgs(args);
    return options.slots.layout(machine(gpus));
  }

  private static Config machine(List<Integer> gpus) {
    return ConfigFactory.parseMap(Map.of("monosweep.gpu-node.gpus", gpus))
        .withFallback(ConfigFactory.load());
  }
}
