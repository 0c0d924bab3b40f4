package org.monosweep.trainer.data;

/** The two splits every labelled dataset has. */
public enum Split {
  /** The training split: full-N and supervised training, N-source selection, probe training. */
  TRAIN,
  /** The test split: probe evaluation only. */
  TEST
}
