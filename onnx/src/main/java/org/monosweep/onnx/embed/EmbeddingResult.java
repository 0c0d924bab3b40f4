package org.monosweep.onnx.embed;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Embedding#run} wrote.
 *
 * @param features the {@code .npy} of {@code rows x dim} float32 features
 * @param labels the {@code .labels.npy} of {@code rows} int32 labels, when the input had labels
 * @param names the {@code .files.txt} naming each row's image file, for a folder of images
 * @param layer the model output written
 * @param rows number of images
 * @param dim values per image (the flattened output, CHW for a conv layer)
 * @param provider where the model ran
 */
public record EmbeddingResult(Path features, Optional<Path> labels, Optional<Path> names,
    String layer, int rows, int dim, ExecutionProvider provider) {
  public EmbeddingResult {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(names, "names");
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(provider, "provider");
  }
}
