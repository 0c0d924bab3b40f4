package org.monosweep.trainer.model;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent seeds from a cell's seed, one per purpose ({@code "encoder"},
 * {@code "order"}, a parameter's path), so that adding a consumer of randomness never shifts the
 * numbers another consumer sees.
 */
public final class Seeds {
  private Seeds() {}

  /** A seed for {@code purpose} under {@code seed}: SplitMix64 over the purpose's bytes. */
  public static long derive(long seed, String purpose) {
    long h = mix(seed ^ 0x6A09E667F3BCC909L);
    for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
      h = mix(h ^ (b & 0xFF));
    }
    return h;
  }

  private static long mix(long z) {
    z += 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
