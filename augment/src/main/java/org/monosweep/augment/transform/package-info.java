/**
 * The paper's augmentation protocol (docs/protocol.md, "Augmentation") as a fused, deterministic
 * patch sampler. {@link org.monosweep.augment.transform.AugmentationSettings} holds the protocol's
 * parameters and the enabled subset; a {@link org.monosweep.augment.transform.SourceImage} is a
 * decoded source with its area-averaged pyramid built once; a
 * {@link org.monosweep.augment.transform.PatchSampler} draws {@link
 * org.monosweep.augment.transform.PatchParameters} and renders them in one pass; a {@link
 * org.monosweep.augment.transform.PatchGenerator} turns (sources, settings, seed, index) into
 * patch bytes, in parallel and independent of thread count. Implementations are package-private.
 */
package org.monosweep.augment.transform;
