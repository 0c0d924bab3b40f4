package org.monosweep.trainer.train;

import org.monosweep.spec.Method;

/** {@code random}: the encoder keeps its seeded initialisation; the lower reference. */
final class UntrainedMethod implements MethodTrainer {
  @Override
  public Method method() {
    return Method.RANDOM;
  }

  @Override
  public boolean needsImages() {
    return false;
  }

  @Override
  public TrainingOutcome train(TrainingJob job) {
    return TrainingOutcome.untrained();
  }
}
