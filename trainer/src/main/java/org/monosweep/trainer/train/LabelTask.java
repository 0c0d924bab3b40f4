package org.monosweep.trainer.train;

/** Supervised training: the images as they are, the target is the dataset's label. */
final class LabelTask implements ClassifierTask {
  private final int classes;

  LabelTask(int classes) {
    this.classes = classes;
  }

  @Override
  public int classes() {
    return classes;
  }

  @Override
  public int copies() {
    return 1;
  }

  @Override
  public boolean needsLabels() {
    return true;
  }

  @Override
  public void expand(float[] sources, int[] labels, int count, int side, float[] out,
      long[] targets) {
    System.arraycopy(sources, 0, out, 0, count * 3 * side * side);
    for (int n = 0; n < count; n++) {
      targets[n] = labels[n];
    }
  }
}
