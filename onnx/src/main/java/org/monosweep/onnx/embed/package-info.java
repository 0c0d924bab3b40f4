/**
 * Features for users: run an exported (or any image) ONNX model with ONNX Runtime and save an
 * output as NumPy arrays. A {@link org.monosweep.onnx.embed.Scorer} wraps one ONNX Runtime
 * session (CUDA under the {@code -Pcuda} build where a GPU is present, else CPU) and checks that
 * the model takes a batch of square images; an {@link org.monosweep.onnx.embed.ImageSource}
 * reads a folder of images or an IDX file with the dataset readers' own code
 * ({@link org.monosweep.trainer.data.ImageFiles}), so its floats are those of training;
 * {@link org.monosweep.onnx.embed.Embedding} joins them and writes the features with
 * {@link org.monosweep.onnx.embed.Npy}, labels beside them when the input has any. Bad input
 * fails with an {@link java.lang.IllegalArgumentException} saying what was found and what is
 * expected.
 */
package org.monosweep.onnx.embed;
