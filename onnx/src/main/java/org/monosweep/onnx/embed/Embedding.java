package org.monosweep.onnx.embed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs images through an ONNX model and writes one of its outputs as a NumPy {@code .npy} of
 * {@code N x D} float32 features (the output flattened per image), with the labels beside it as
 * {@code <name>.labels.npy} (int32) when the input has labels, and, for a folder of images, the
 * file of each row in {@code <name>.files.txt}. This is {@code monosweep embed}.
 *
 * <p>Images are prepared as the model's training data was: resized to the model's input side
 * (folders), or centred on a 32-pixel black frame and that frame resized to the side (IDX, as the
 * real splits reach a larger encoder), grayscale when its metadata says
 * {@code input_grayscale=true}, values {@code pixel / 127.5 - 1}.
 */
public final class Embedding {
  private static final String GRAYSCALE_KEY = "input_grayscale";

  private Embedding() {}

  /**
   * Embeds {@code images} with {@code model}'s output {@code layer} into {@code out}, in batches
   * of 64, on CUDA where available.
   *
   * @param model an ONNX file written by monosweep (or any model with one N x 3 x S x S float
   *     input)
   * @param images a folder of PNG/JPEG images (flat, or one subfolder per class) or an IDX image
   *     file
   * @param layer an output of the model: {@code conv1} ... {@code convK} for an encoder,
   *     {@code logits} or {@code probabilities} for a classifier
   * @param out the {@code .npy} to write
   * @throws IllegalArgumentException for a missing, corrupt or foreign model, an unknown layer
   *     (the message lists the model's outputs), or unusable images (it says what the model
   *     expects)
   * @throws IOException when files cannot be read or written
   */
  public static EmbeddingResult run(Path model, Path images, String layer, Path out)
      throws IOException {
    return run(model, images, layer, out, EmbedOptions.defaults());
  }

  /** {@link #run(Path, Path, String, Path)} with explicit options. */
  public static EmbeddingResult run(Path model, Path images, String layer, Path out,
      EmbedOptions options) throws IOException {
    Objects.requireNonNull(layer, "layer");
    try (Scorer scorer = Scorer.open(model, options.provider())) {
      scorer.outputShape(layer);
      boolean grayscale = Boolean.parseBoolean(scorer.metadata().get(GRAYSCALE_KEY));
      ImageSource source = ImageSource.open(images, scorer.inputSide(), grayscale);
      return run(scorer, source, layer, out, options.batchSize());
    }
  }

  /**
   * Embeds {@code images} with an open scorer.
   *
   * @throws IllegalArgumentException when the images do not fit the model or {@code layer} is
   *     not one of its outputs
   */
  public static EmbeddingResult run(Scorer scorer, ImageSource images, String layer, Path out,
      int batchSize) throws IOException {
    long[] shape = scorer.outputShape(layer);
    if (images.side() != scorer.inputSide()) {
      throw new IllegalArgumentException("the images are " + images.side() + " x "
          + images.side() + " but " + scorer.name() + " takes " + scorer.inputSide() + " x "
          + scorer.inputSide());
    }
    if (images.size() == 0) {
      throw new IllegalArgumentException("there are no images to embed");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    int rows = images.size();
    int batch = Math.min(batchSize, rows);
    float[] buffer = new float[batch * scorer.inputSize()];
    int dim = -1;
    Npy.FloatWriter writer = null;
    try {
      for (int from = 0; from < rows; from += batch) {
        int n = Math.min(batch, rows - from);
        images.read(from, n, buffer);
        float[] features = scorer.run(layer, buffer, n);
        if (writer == null) {
          dim = features.length / n;
          long declared = declaredSize(shape);
          if (declared > 0 && declared != dim) {
            throw new IllegalStateException(scorer.name() + " declares " + layer + " with "
                + declared + " values per image but returned " + dim);
          }
          writer = Npy.openFloat32(out, rows, dim);
        }
        writer.append(features, 0, n * dim);
      }
      writer.close();
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        writer.abandon();
      }
      throw e;
    }
    Optional<Path> labels = Optional.empty();
    if (images.labelled()) {
      Path labelsFile = labelsPath(out);
      Npy.write(labelsFile, images.labels(), rows);
      labels = Optional.of(labelsFile);
    }
    Optional<Path> names = Optional.empty();
    if (images instanceof ImageFolder) {
      List<String> lines = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        lines.add(images.name(i));
      }
      Path namesFile = namesPath(out);
      Files.write(namesFile, lines, StandardCharsets.UTF_8);
      names = Optional.of(namesFile);
    }
    return new EmbeddingResult(out, labels, names, layer, rows, dim, scorer.provider());
  }

  /** Where the labels of features written to {@code features} go: {@code x.npy} to {@code x.labels.npy}. */
  public static Path labelsPath(Path features) {
    return features.resolveSibling(stem(features) + ".labels.npy");
  }

  /** Where the row names of features written to {@code features} go: {@code x.files.txt}. */
  public static Path namesPath(Path features) {
    return features.resolveSibling(stem(features) + ".files.txt");
  }

  private static String stem(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
  }

  private static long declaredSize(long[] shape) {
    long size = 1;
    for (long d : shape) {
      if (d < 0) {
        return -1;
      }
      size *= d;
    }
    return size;
  }
}
