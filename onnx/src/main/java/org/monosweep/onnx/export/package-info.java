/**
 * ONNX export of finished cells (issue 6). {@link org.monosweep.onnx.export.OnnxExport} writes
 * the BatchNorm-folded encoder (one output per conv layer) and a classifier per probed layer as
 * ONNX protobufs with the cell's {@link org.monosweep.onnx.export.ModelMetadata}, checks their
 * structure, and verifies them in ONNX Runtime against the DJL forward pass that the probes
 * measured; its {@code cellExporter} plugs all of this into
 * {@link org.monosweep.trainer.train.CellExporter}, configured by
 * {@link org.monosweep.onnx.export.ExportSettings}. For {@code monosweep export},
 * {@link org.monosweep.onnx.export.ModelExport} selects
 * {@link org.monosweep.onnx.export.ExportCandidate}s with a
 * {@link org.monosweep.onnx.export.ModelFilter} and copies their models with a model card.
 */
package org.monosweep.onnx.export;
