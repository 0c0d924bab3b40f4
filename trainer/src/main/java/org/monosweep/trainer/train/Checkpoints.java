package org.monosweep.trainer.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.IOException;

/**
 * Per-epoch training state, so that a retried cell continues from its last finished epoch.
 * Trainers call {@link #restore} before the first epoch and {@link #save} after every epoch.
 */
public interface Checkpoints {
  /**
   * Saves {@code network}'s parameters (and BatchNorm statistics) after {@code epoch} (1-based).
   */
  void save(int epoch, Block network) throws IOException;

  /**
   * Loads the last saved state into {@code network} (already initialised).
   *
   * @return the number of epochs that state had finished, 0 when there is none
   */
  int restore(Block network, NDManager manager) throws IOException;

  /** No checkpoints: every attempt starts from epoch 1. */
  static Checkpoints none() {
    return NoCheckpoints.INSTANCE;
  }

  /**
   * Checkpoints as files in {@code folder} (created when first needed), keeping only the newest
   * epoch; for a cell, a folder under its {@link CellRunContext#workDir()}. Not thread-safe: one
   * cell attempt at a time per folder.
   */
  static Checkpoints inFolder(java.nio.file.Path folder) {
    return new FileCheckpoints(java.util.Objects.requireNonNull(folder, "folder"));
  }
}
