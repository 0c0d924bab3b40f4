/**
 * Visual previews of the augmentation protocol (the paper's Figures 7-10). {@link
 * org.monosweep.augment.preview.PreviewGrid} renders the first patches of a one-source dataset
 * into a PNG grid and returns their parameters, so what a preview shows is exactly what training
 * sees for the same settings and seed.
 */
package org.monosweep.augment.preview;
