/**
 * Encoders and their heads as DJL blocks. An {@link org.monosweep.trainer.model.EncoderArchitecture}
 * describes the conv stack (kernels, strides, widths); {@link org.monosweep.trainer.model.ConvEncoder}
 * builds it as a DJL block whose output is the post-ReLU map of every conv layer, so that method
 * heads ({@link org.monosweep.trainer.model.Heads}), probes and the ONNX exporter all read the same
 * layers. {@link org.monosweep.trainer.model.FoldedEncoder} is the frozen, BatchNorm-folded copy
 * that probes run and that is exported, with its weights as plain float arrays.
 * {@link org.monosweep.trainer.model.Initialization} gives every parameter a value that depends
 * only on the cell's seed and the parameter's path, bit for bit on any machine.
 */
package org.monosweep.trainer.model;
