package org.monosweep.trainer.train;

/**
 * What a classification-trained method predicts: turns a batch of source images into the
 * network's input images and their targets.
 */
interface ClassifierTask {
  /** Number of classes the head predicts. */
  int classes();

  /** How many network images each source image becomes (4 rotations for RotNet). */
  int copies();

  /** Whether the task needs the training images' labels. */
  boolean needsLabels();

  /**
   * Writes {@code count * copies()} images of {@code 3 * side * side} values to {@code out} and
   * their targets to {@code targets}.
   */
  void expand(float[] sources, int[] labels, int count, int side, float[] out, long[] targets);
}
