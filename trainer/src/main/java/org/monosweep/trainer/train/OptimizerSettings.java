package org.monosweep.trainer.train;

import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import ai.djl.training.tracker.Tracker;
import java.util.Locale;
import org.monosweep.spec.Cell;
import org.monosweep.spec.ParamKeys;

/**
 * The optimiser a cell's hyperparameters ask for.
 *
 * @param kind {@code sgd} or {@code adam}
 * @param learningRate initial rate
 * @param cosine whether the rate follows a cosine to 0 over the budget
 * @param momentum SGD momentum or Adam beta1
 * @param weightDecay L2 weight decay
 */
public record OptimizerSettings(String kind, double learningRate, boolean cosine, double momentum,
    double weightDecay) {

  public OptimizerSettings {
    if (!kind.equals("sgd") && !kind.equals("adam")) {
      throw CellFailure.permanent("optimizer must be sgd or adam, got '" + kind + "'");
    }
    if (!(learningRate > 0) || !(momentum >= 0 && momentum < 1) || !(weightDecay >= 0)) {
      throw CellFailure.permanent("bad optimizer settings: lr=" + learningRate + " momentum="
          + momentum + " weight_decay=" + weightDecay);
    }
  }

  /** Reads the optimiser keys of {@link ParamKeys} from the cell. */
  public static OptimizerSettings of(Cell cell) {
    String schedule = cell.get(ParamKeys.LR_SCHEDULE).toLowerCase(Locale.ROOT);
    if (!schedule.equals("cosine") && !schedule.equals("constant")) {
      throw CellFailure.permanent("lr_schedule must be cosine or constant, got '" + schedule + "'");
    }
    return new OptimizerSettings(cell.get(ParamKeys.OPTIMIZER).toLowerCase(Locale.ROOT),
        cell.get(ParamKeys.LEARNING_RATE), schedule.equals("cosine"),
        cell.get(ParamKeys.MOMENTUM), cell.get(ParamKeys.WEIGHT_DECAY));
  }

  /**
   * A fresh optimiser for {@code totalSteps} steps of which {@code doneSteps} were taken by an
   * earlier attempt (the schedule continues where it stopped; momentum starts from zero).
   */
  public Optimizer build(int totalSteps, int doneSteps) {
    float lr = (float) learningRate;
    ParameterTracker tracker = cosine
        ? Tracker.cosine().setBaseValue(lr).optFinalValue(0f).setMaxUpdates(Math.max(1, totalSteps)).build()
        : Tracker.fixed(lr);
    if (kind.equals("adam")) {
      return Optimizer.adam().optLearningRateTracker(tracker).optBeta1((float) momentum)
          .optWeightDecays((float) weightDecay).optBeginNumUpdate(doneSteps).build();
    }
    return Optimizer.sgd().setLearningRateTracker(tracker).optMomentum((float) momentum)
        .optWeightDecays((float) weightDecay).optBeginNumUpdate(doneSteps).build();
  }
}
