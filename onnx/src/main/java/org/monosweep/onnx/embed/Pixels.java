package org.monosweep.onnx.embed;

/** The byte-to-float mapping of monosweep's dataset readers: 0 to -1, 255 to 1. */
final class Pixels {
  private static final float[] SCALE = new float[256];

  static {
    for (int v = 0; v < 256; v++) {
      SCALE[v] = (float) (v / 127.5 - 1.0);
    }
  }

  private Pixels() {}

  /** The model value of an unsigned byte. */
  static float of(int unsignedByte) {
    return SCALE[unsignedByte];
  }

  /** A value in [0, 1] rounded to a byte as the readers store it, then mapped. */
  static float ofUnit(float value) {
    return SCALE[Math.round(Math.min(1f, Math.max(0f, value)) * 255f)];
  }
}
