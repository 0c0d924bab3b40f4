package org.monosweep.onnx.embed;

import java.util.Objects;

/**
 * How {@link Embedding} runs.
 *
 * @param batchSize images per model call
 * @param provider where the model runs
 */
public record EmbedOptions(int batchSize, ExecutionProvider provider) {
  public EmbedOptions {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
    }
    Objects.requireNonNull(provider, "provider");
  }

  /** Batches of 64 on {@link ExecutionProvider#AUTO}. */
  public static EmbedOptions defaults() {
    return new EmbedOptions(64, ExecutionProvider.AUTO);
  }
}
