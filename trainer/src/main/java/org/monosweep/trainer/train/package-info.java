/**
 * Training and running cells. {@link org.monosweep.trainer.train.TrainingRun} is the
 * {@link org.monosweep.trainer.train.CellRunner}: it takes its images from a
 * {@link org.monosweep.trainer.train.CellData}, trains the cell's encoder with the
 * {@link org.monosweep.trainer.train.MethodTrainer} of the cell's method
 * ({@link org.monosweep.trainer.train.MethodTrainers} has rotnet, supervised and random; later
 * methods plug in through the builder), folds and probes it, and hands the result to a
 * {@link org.monosweep.trainer.train.CellExporter}. Hyperparameters are read through the typed
 * keys of {@link org.monosweep.spec.ParamKeys}; per-epoch state goes through
 * {@link org.monosweep.trainer.train.Checkpoints}. Every trainer updates its parameters through
 * {@link org.monosweep.trainer.train.OptimizerStep}, and the classifier-shaped ones take the
 * whole {@link org.monosweep.trainer.train.ClassifierStep}.
 */
package org.monosweep.trainer.train;
