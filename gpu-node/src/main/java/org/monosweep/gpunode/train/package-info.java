/**
 * Training and running cells. {@link org.monosweep.gpunode.train.TrainingRun} is the
 * {@link org.monosweep.gpunode.train.CellRunner}: it takes its images from a
 * {@link org.monosweep.gpunode.train.CellData}, trains the cell's encoder with the
 * {@link org.monosweep.gpunode.train.MethodTrainer} of the cell's method
 * ({@link org.monosweep.gpunode.train.MethodTrainers} has rotnet, supervised and random; later
 * methods plug in through the builder), folds and probes it, and hands the result to a
 * {@link org.monosweep.gpunode.train.CellExporter}. Hyperparameters are read through the typed
 * keys of {@link org.monosweep.gpunode.train.TrainingParams}; per-epoch state goes through
 * {@link org.monosweep.gpunode.train.Checkpoints}.
 */
package org.monosweep.gpunode.train;
