package org.monosweep.trainer.train;

import java.util.List;
import org.monosweep.spec.Method;

/** The built-in {@link MethodTrainer}s. */
public final class MethodTrainers {
  private MethodTrainers() {}

  /**
   * RotNet: predicts which of the four rotations (0, 90, 180, 270 degrees) of each image it
   * sees; all four rotations of a source are in the same batch and count as four images.
   * Works on unlabelled images.
   */
  public static MethodTrainer rotnet() {
    return new ClassifierTrainer(Method.ROTNET, classes -> new RotationTask());
  }

  /** Supervised: predicts the labels of the (labelled) training split; the upper reference. */
  public static MethodTrainer supervised() {
    return new ClassifierTrainer(Method.SUPERVISED, LabelTask::new);
  }

  /** Random: no training at all; the lower reference. */
  public static MethodTrainer random() {
    return new UntrainedMethod();
  }

  /** {@link #rotnet()}, {@link #supervised()} and {@link #random()}. */
  public static List<MethodTrainer> builtIn() {
    return List.of(rotnet(), supervised(), random());
  }
}
