package org.monosweep.onnx.export;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How closely an exported model, run by ONNX Runtime, reproduced the reference computation.
 *
 * @param model what was verified ({@code encoder}, {@code classifier-conv2})
 * @param images how many images the check ran
 * @param maxAbsDiff the largest absolute difference per output; for {@code logits} it is
 *     relative to {@code max(1, max |reference logit|)}, since logits sum thousands of products
 * @param tolerance the bound every difference met
 */
public record Verification(String model, int images, Map<String, Double> maxAbsDiff,
    double tolerance) {
  public Verification {
    Objects.requireNonNull(model, "model");
    maxAbsDiff = Collections.unmodifiableMap(new LinkedHashMap<>(maxAbsDiff));
  }

  /** The largest difference over all outputs. */
  public double worst() {
    return maxAbsDiff.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }
}
