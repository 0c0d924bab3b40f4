package org.monosweep.onnx.embed;

/** Where a {@link Scorer} runs its model. */
public enum ExecutionProvider {
  /**
   * CUDA when this build's ONNX Runtime has it (the {@code -Pcuda} build) and a GPU takes the
   * model, else CPU, without complaint.
   */
  AUTO,
  /** The CPU. */
  CPU,
  /** CUDA device 0; fails when this build or machine has none. */
  CUDA
}
