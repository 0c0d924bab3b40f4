package org.monosweep.trainer.data;

/**
 * The images a cell trains on, addressed by index: the d augmented patches of N sources, or
 * the real training split for N = full. Images are CHW floats of 3 x side x side in (-1, 1).
 * Implementations are thread-safe for concurrent {@link #read} calls, so batches can be
 * prepared ahead of the trainer on worker threads, and deterministic: image i is a pure
 * function of the cell's settings and i.
 */
public interface TrainingImages {
  /** How many images there are (d). */
  int size();

  /** The side S of every (square) image. */
  int side();

  /** Number of classes when {@link #labelled()}, else 0. */
  int classes();

  /** Whether {@link #read} fills labels (the real split is; augmented patches are not). */
  boolean labelled();

  /**
   * Writes images {@code indices[k]} to {@code out} at offset {@code k * 3 * side * side}, and
   * their labels to {@code labelsOut[k]} when labelled ({@code labelsOut} may be null otherwise).
   */
  void read(int[] indices, float[] out, int[] labelsOut);

  /** Class index to human name when {@link #labelled()}; empty otherwise. */
  default java.util.List<String> classNames() {
    return java.util.List.of();
  }
}
