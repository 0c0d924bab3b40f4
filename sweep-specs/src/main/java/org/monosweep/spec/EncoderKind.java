package org.monosweep.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The encoder architectures a cell can train and probe. */
public enum EncoderKind {
  /** Four conv layers (kernels 7,5,3,3; strides 3,2,2,1; widths 64..512) with BatchNorm, for 32x32 inputs. */
  SMALL4("small4", 4, 32),
  /** AlexNet with BatchNorm, five conv layers, for 64-224 px inputs. */
  ALEXNET("alexnet", 5, 224);

  private final String label;
  private final int convLayers;
  private final int defaultInputSize;

  EncoderKind(String label, int convLayers, int defaultInputSize) {
    this.label = label;
    this.convLayers = convLayers;
    this.defaultInputSize = defaultInputSize;
  }

  /** The name used in specs. */
  public String label() {
    return label;
  }

  /** How many conv layers are probed. */
  public int convLayers() {
    return convLayers;
  }

  /** The input side S the encoder expects by default. */
  public int defaultInputSize() {
    return defaultInputSize;
  }

  @Override
  public String toString() {
    return label;
  }

  /** Parses a spec name. @throws IllegalArgumentException listing the allowed names */
  public static EncoderKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.label.equals(t)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown encoder '" + text + "': allowed are "
            + Arrays.stream(values()).map(EncoderKind::label).collect(Collectors.joining(", "))));
  }
}
