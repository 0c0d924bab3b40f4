package org.monosweep.spec;

/**
 * How much a cell trains.
 *
 * @param epochs training epochs over the cell's dataset
 * @param datasetSize d, the number of training images (real plus augmented)
 * @param batchSize the training mini-batch size
 */
public record TrainBudget(int epochs, int datasetSize, int batchSize) {
  public TrainBudget {
    if (epochs < 0) {
      throw new IllegalArgumentException("budget.epochs must be >= 0, got " + epochs);
    }
    if (datasetSize < 1) {
      throw new IllegalArgumentException("budget.d must be >= 1, got " + datasetSize);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("budget.batch must be >= 1, got " + batchSize);
    }
  }
}
