package org.monosweep.onnx.embed;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An image model run by ONNX Runtime: one float input of {@code N x 3 x S x S} images and one or
 * more named float outputs (an exported encoder's {@code conv1} ... {@code convK}, a classifier's
 * {@code logits} and {@code probabilities}).
 *
 * <p>Open one with {@link #open(Path, ExecutionProvider)} or {@link #open(byte[], String,
 * ExecutionProvider)}; a file that is not an ONNX model, or a model whose input is not a batch of
 * square images, fails there with an {@link IllegalArgumentException} saying what was found and
 * what is expected. {@link #run} may be called from several threads at once. Close it to free
 * the native session.
 */
public interface Scorer extends AutoCloseable {

  /**
   * Opens the ONNX model in {@code file}.
   *
   * @throws IllegalArgumentException when the file is missing, is not an ONNX model ONNX Runtime
   *     can load, or does not take a batch of square images
   * @throws IOException when the file cannot be read
   */
  static Scorer open(Path file, ExecutionProvider provider) throws IOException {
    return OrtScorer.open(file, provider);
  }

  /** {@link #open(Path, ExecutionProvider)} with {@link ExecutionProvider#AUTO}. */
  static Scorer open(Path file) throws IOException {
    return open(file, ExecutionProvider.AUTO);
  }

  /**
   * Opens a serialized ONNX model held in memory (an export being verified).
   *
   * @param name what error messages call the model
   * @throws IllegalArgumentException as {@link #open(Path, ExecutionProvider)}
   */
  static Scorer open(byte[] model, String name, ExecutionProvider provider) {
    return OrtScorer.open(model, name, provider);
  }

  /** What messages call the model: its file name, or the name given. */
  String name();

  /** The provider actually running the model ({@link ExecutionProvider#CPU} or CUDA). */
  ExecutionProvider provider();

  /** The name of the model's single input ({@code image} for monosweep models). */
  String inputName();

  /** Channels C of one input image: always 3 (RGB), which {@code open} checks. */
  int inputChannels();

  /** Side S of the square input images. */
  int inputSide();

  /** Values of one input image, {@code C * S * S}. */
  default int inputSize() {
    return inputChannels() * inputSide() * inputSide();
  }

  /** The model's float outputs, in graph order. */
  List<String> outputs();

  /**
   * The shape of one image's value of {@code output}, without the batch dimension; -1 where the
   * model leaves a dimension open.
   *
   * @throws IllegalArgumentException when the model has no such output, listing those it has
   */
  long[] outputShape(String output);

  /** The model's metadata properties ({@code metadata_props}), empty when it has none. */
  Map<String, String> metadata();

  /**
   * Runs {@code count} images through the model.
   *
   * @param outputs the outputs to compute
   * @param batch at least {@code count * inputSize()} values, image after image, CHW
   * @return each output's values, {@code count} rows of one image's values, row-major
   * @throws IllegalArgumentException for an unknown output (listing the outputs there are) or a
   *     batch of the wrong size (saying the image shape the model takes)
   * @throws IllegalStateException when ONNX Runtime fails on a well-formed request
   */
  Map<String, float[]> run(List<String> outputs, float[] batch, int count);

  /** {@link #run(List, float[], int)} for one output. */
  default float[] run(String output, float[] batch, int count) {
    return run(List.of(output), batch, count).get(output);
  }

  /** Frees the native session. */
  @Override
  void close();
}
