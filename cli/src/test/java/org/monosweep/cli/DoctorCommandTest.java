package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code monosweep doctor}: the engine it loads, the providers, and the slots it would use. */
class DoctorCommandTest {
  @Test
  void describesTheEngineTheProvidersAndTheSlotsAutoWouldChoose() {
    CommandRun run = CommandRun.of("doctor");

    assertThat(run.code()).isZero();
    assertThat(run.out()).containsPattern("engine        PyTorch 2\\.5\\.1 \\((CPU|CUDA) build\\)")
        .containsPattern("ONNX Runtime  providers \\[.*CPU.*]")
        .contains("machine       " + Runtime.getRuntime().availableProcessors() + " cores")
        // CPU slots sharing the cores on a CPU machine, one per GPU elsewhere
        .containsPattern("--slots auto  ([0-9]+ CPU slots? of [0-9]+ threads?"
            + "|[0-9]+ slots? on GPUs? [0-9, ]+)\\R");
  }
}
