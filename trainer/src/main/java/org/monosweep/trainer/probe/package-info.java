/**
 * Linear probes (docs/protocol.md, "Linear probes") on a frozen, BatchNorm-folded encoder.
 * {@link org.monosweep.trainer.probe.LinearProbes} extracts each conv layer's post-ReLU features
 * once for the probe train and test splits (one layer at a time, to bound memory), standardises
 * them per channel with the train split's statistics (the reference code's non-affine BatchNorm),
 * trains a linear softmax classifier by SGD with the protocol's schedule, and returns a
 * {@link org.monosweep.trainer.probe.LayerProbe} per layer: top-1 test accuracy and the trained
 * head, folded back to act on raw features for export. Features and training run on the engine
 * ({@code NATIVE}, the default) or in plain Java ({@code JAVA}, a slow reference).
 */
package org.monosweep.trainer.probe;
