package org.monosweep.trainer.train;

import ai.djl.ndarray.NDManager;
import java.util.Objects;
import org.monosweep.spec.Cell;
import org.monosweep.trainer.data.TrainingImages;
import org.monosweep.trainer.model.ConvEncoder;

/**
 * What a {@link MethodTrainer} gets: the cell (budget, seed, hyperparameters), the encoder to
 * train in place (already initialised from the cell's seed), its training images, a manager on
 * the training device for the trainer's own arrays (use sub-managers; the caller closes it),
 * the run context (progress, cancellation, work folder), the checkpoint hook and the data
 * loading executor.
 *
 * @param cell the cell
 * @param encoder the encoder to train; its parameters live on {@code manager}
 * @param images the training images; null for methods that do not train
 * @param manager the device's manager
 * @param context progress sink, cancellation flag and work folder
 * @param checkpoints saves and restores per-epoch state
 * @param loading where and how far ahead batches are prepared
 */
public record TrainingJob(Cell cell, ConvEncoder encoder, TrainingImages images,
    NDManager manager, CellRunContext context, Checkpoints checkpoints, DataLoading loading) {

  public TrainingJob {
    Objects.requireNonNull(cell, "cell");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(manager, "manager");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(checkpoints, "checkpoints");
    Objects.requireNonNull(loading, "loading");
  }
}
