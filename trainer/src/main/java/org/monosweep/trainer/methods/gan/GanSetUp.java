package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDManager;
import org.monosweep.trainer.data.TrainingImages;

/**
 * How a method builds its {@link GanModel} for a job, ready to train: networks created,
 * initialised from the cell's seed and calibrated on real images. {@link GanLoop#train} calls it
 * with autograd paused.
 */
@FunctionalInterface
interface GanSetUp {
  /**
   * @param images the job's training images, checked against the encoder
   * @param manager where the networks live, closed when training ends
   */
  GanModel create(TrainingImages images, NDManager manager);
}
