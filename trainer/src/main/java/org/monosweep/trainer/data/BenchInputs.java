package org.monosweep.trainer.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.monosweep.trainer.data.LabelledImages;

/** What every benchmark main needs: {@code --key=value} options and synthetic images. */
public final class BenchInputs {
  private BenchInputs() {}

  /** Parses {@code --key=value} (and bare {@code --flag}, meaning true). */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
      int eq = arg.indexOf('=');
      options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq),
          eq < 0 ? "true" : arg.substring(eq + 1));
    }
    return options;
  }

  /** Random 32x32 images in (-1, 1) with random labels of 10 classes: content does not change the speed. */
  public static LabelledImages synthetic(int count, long seed) {
    Random random = new Random(seed);
    float[] pixels = new float[count * 3 * 32 * 32];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = random.nextFloat() * 2 - 1;
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = random.nextInt(10);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      names.add("class" + c);
    }
    return new LabelledImages(pixels, labels, 32, names);
  }
}
