package org.monosweep.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The on-disk layouts monosweep reads labelled datasets from. */
public enum DatasetKind {
  /** Fashion-MNIST IDX files (gzip), 28x28 grayscale, 10 classes; Debian package dataset-fashion-mnist. */
  FASHION_MNIST("fashion-mnist", 10, true, "/usr/share/datasets/fashion-mnist", 60_000, 10_000),
  /** MNIST IDX files (gzip), 28x28 grayscale, 10 classes. */
  MNIST("mnist", 10, true, null, 60_000, 10_000),
  /** CIFAR-10 binary batches, 32x32 RGB. */
  CIFAR10("cifar10", 10, false, null, 50_000, 10_000),
  /** CIFAR-100 binary (fine labels), 32x32 RGB. */
  CIFAR100("cifar100", 100, false, null, 50_000, 10_000),
  /** A folder with {@code train/} and {@code test/} subfolders, one folder per class. */
  IMAGE_FOLDER("image-folder", -1, false, null, -1, -1);

  private final String label;
  private final int classes;
  private final boolean grayscale;
  private final String defaultPath;
  private final int trainSize;
  private final int testSize;

  DatasetKind(String label, int classes, boolean grayscale, String defaultPath, int trainSize,
      int testSize) {
    this.label = label;
    this.classes = classes;
    this.grayscale = grayscale;
    this.defaultPath = defaultPath;
    this.trainSize = trainSize;
    this.testSize = testSize;
  }

  /** The name used in specs. */
  public String label() {
    return label;
  }

  /** Number of classes, or -1 when it depends on the folder tree. */
  public int classes() {
    return classes;
  }

  /** Whether images are grayscale (then single-image sources are converted to grayscale too). */
  public boolean grayscale() {
    return grayscale;
  }

  /** Where the Debian package installs it, or null when none does. */
  public String defaultPath() {
    return defaultPath;
  }

  /**
   * Number of images in the training split (60,000 for Fashion-MNIST and MNIST, 50,000 for
   * CIFAR), or -1 when it depends on the folder tree. Bounds N, and is the default d.
   */
  public int trainSize() {
    return trainSize;
  }

  /** Number of images in the test split (10,000 for all four fixed layouts), or -1 when unknown. */
  public int testSize() {
    return testSize;
  }

  @Override
  public String toString() {
    return label;
  }

  /** Parses a spec name. @throws IllegalArgumentException listing the allowed names */
  public static DatasetKind parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(k -> k.label.equals(t)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown dataset kind '" + text + "': allowed are "
            + Arrays.stream(values()).map(DatasetKind::label).collect(Collectors.joining(", "))));
  }
}
