package org.monosweep.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The on-disk layouts monosweep reads labelled datasets from. */
public enum DatasetKind {
  /** Fashion-MNIST IDX files (gzip), 28x28 grayscale, 10 classes; Debian package dataset-fashion-mnist. */
  FASHION_MNIST("fashion-mnist", 10, true, "/usr/share/datasets/fashion-mnist"),
  /** MNIST IDX files (gzip), 28x28 grayscale, 10 classes. */
  MNIST("mnist", 10, true, null),
  /** CIFAR-10 binary batches, 32x32 RGB. */
  CIFAR10("cifar10", 10, false, null),
  /** CIFAR-100 binary (fine labels), 32x32 RGB. */
  CIFAR100("cifar100", 100, false, null),
  /** A folder with {@code train/} and {@code test/} subfolders, one folder per class. */
  IMAGE_FOLDER("image-folder", -1, false, null);

  private final String label;
  private final int classes;
  private final boolean grayscale;
  private final String defaultPath;

  DatasetKind(String label, int classes, boolean grayscale, String defaultPath) {
    this.label = label;
    this.classes = classes;
    this.grayscale = grayscale;
    this.defaultPath = defaultPath;
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
