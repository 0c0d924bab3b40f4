/**
 * The images a gpu-node trains and probes on. A {@link org.monosweep.trainer.data.DatasetCatalog}
 * reads each labelled dataset split (Fashion-MNIST/MNIST IDX, CIFAR-10/100 binary, image folders)
 * once, at 32 x 32, into compact {@link org.monosweep.trainer.data.TrainingImages} shared by all
 * cells, or as in-memory {@link org.monosweep.trainer.data.LabelledImages} for probes.
 * {@link org.monosweep.trainer.data.CellImages} turns a cell into its training images: the real
 * split for N = full, or d augmented patches of N sources rendered by augment-node. A
 * {@link org.monosweep.trainer.data.BatchPrefetcher} walks an epoch of them in a seeded order,
 * preparing batches and the method's {@link org.monosweep.trainer.data.NativeAugmentation} on
 * worker threads ahead of the trainer. {@link org.monosweep.trainer.data.ImageFiles} reads image
 * files named by path with the readers' own code, for {@code embed}. Missing or corrupt files raise a
 * {@link org.monosweep.trainer.data.DatasetException} that says how to fix them.
 */
package org.monosweep.trainer.data;
