package org.monosweep.trainer.data;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;

/**
 * What every training benchmark starts from: the engine, set up and described, and synthetic
 * images, whose content does not change the speed.
 */
public final class BenchInputs {
  private BenchInputs() {}

  /**
   * Loads the PyTorch engine with {@code threads} intra-op threads (the engine's default when
   * empty), warns on standard error when {@code OMP_WAIT_POLICY} is not PASSIVE, and prints the
   * engine, device, threads and cores on {@code out}: the context every figure depends on.
   */
  public static void startEngine(OptionalInt threads, PrintStream out) {
    String policy = System.getenv("OMP_WAIT_POLICY");
    if (!"PASSIVE".equalsIgnoreCase(policy)) {
      System.err.println("!! WARNING: OMP_WAIT_POLICY=" + policy + ", not PASSIVE: libgomp"
          + " threads spin and DJL trains 4-10x slower whenever another thread is busy. Set it"
          + " in the environment before the JVM starts (a -D does nothing).");
    }
    // read by the engine when it loads, so it must be set before the first DJL call
    threads.ifPresent(n -> System.setProperty("ai.djl.pytorch.num_threads",
        Integer.toString(n)));
    Engine engine = Engine.getEngine("PyTorch");
    out.printf(Locale.ROOT, "engine %s %s, device %s, intra-op threads %d, inter-op %d,"
            + " cores %d, OMP_WAIT_POLICY=%s%n", engine.getEngineName(), engine.getVersion(),
        engine.defaultDevice(), JniUtils.getNumThreads(), JniUtils.getNumInteropThreads(),
        Runtime.getRuntime().availableProcessors(), policy);
  }

  /** Random 32x32 images in (-1, 1) with random labels of 10 classes. */
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
