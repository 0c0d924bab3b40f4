package org.monosweep.trainer.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * CIFAR-10 and CIFAR-100 in their binary versions: fixed-size records of label byte(s) followed
 * by 3072 pixel bytes (the R, G and B planes of a 32 x 32 image, the CHW order kept as is).
 * CIFAR-10 has one label byte; CIFAR-100 a coarse then a fine one, of which the fine is used.
 * The folder may be the extracted top folder or the one above it.
 */
final class CifarReader implements DatasetReader {
  private static final int PIXELS = 3 * SIDE * SIDE;
  static final List<String> CIFAR10_CLASSES = List.of("airplane", "automobile", "bird", "cat",
      "deer", "dog", "frog", "horse", "ship", "truck");

  private final String name;
  private final String subfolder;
  private final List<String> trainFiles;
  private final String testFile;
  private final int labelBytes;
  private final int classes;
  private final int recordsPerFullFile;
  private final String archive;

  private CifarReader(String name, String subfolder, List<String> trainFiles, String testFile,
      int labelBytes, int classes, int recordsPerFullFile, String archive) {
    this.name = name;
    this.subfolder = subfolder;
    this.trainFiles = trainFiles;
    this.testFile = testFile;
    this.labelBytes = labelBytes;
    this.classes = classes;
    this.recordsPerFullFile = recordsPerFullFile;
    this.archive = archive;
  }

  static CifarReader cifar10() {
    return new CifarReader("CIFAR-10", "cifar-10-batches-bin",
        List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
            "data_batch_5.bin"),
        "test_batch.bin", 1, 10, 10_000, "cifar-10-binary.tar.gz");
  }

  static CifarReader cifar100() {
    return new CifarReader("CIFAR-100", "cifar-100-binary", List.of("train.bin"), "test.bin",
        2, 100, -1, "cifar-100-binary.tar.gz");
  }

  @Override
  public CompactImages read(Path folder, Split split, int limit) {
    Path dir = resolve(folder);
    String fix = fix(dir);
    List<Path> files = (split == Split.TRAIN ? trainFiles : List.of(testFile)).stream()
        .map(dir::resolve).collect(Collectors.toList());
    int record = labelBytes + PIXELS;
    // Check every file's size before reading any, so a bad batch fails fast even under a limit.
    long total = 0;
    List<Integer> counts = new ArrayList<>();
    for (Path file : files) {
      BinaryFile.requireFile(file, fix);
      long size = size(file, fix);
      if (size == 0 || size % record != 0) {
        String full = recordsPerFullFile > 0
            ? "; a complete batch has " + (long) recordsPerFullFile * record + " bytes" : "";
        throw BinaryFile.corrupt(file, "is truncated or corrupt: " + size + " bytes is not a "
            + "positive whole number of " + record + "-byte records (" + labelBytes
            + " label byte(s) + " + PIXELS + " pixel bytes)" + full, fix, null);
      }
      counts.add((int) (size / record));
      total += size / record;
    }
    int n = (int) (limit > 0 ? Math.min(limit, total) : total);
    byte[] pixels = new byte[Math.multiplyExact(n, PIXELS)];
    int[] labels = new int[n];
    byte[] head = new byte[labelBytes];
    int i = 0;
    for (int f = 0; f < files.size() && i < n; f++) {
      Path file = files.get(f);
      try (BinaryFile in = BinaryFile.open(file, fix)) {
        in.expect((long) counts.get(f) * record, counts.get(f) + " records of " + record);
        for (int r = 0; r < counts.get(f) && i < n; r++, i++) {
          in.readFully(head, 0, labelBytes);
          int label = head[labelBytes - 1] & 0xFF;
          if (label >= classes) {
            throw BinaryFile.corrupt(file, "is corrupt: label " + label + " of record " + r
                + " is outside 0.." + (classes - 1), fix, null);
          }
          labels[i] = label;
          in.readFully(pixels, i * PIXELS, PIXELS);
        }
      }
    }
    return new CompactImages(pixels, n, 3, SIDE, labels, classNames(dir),
        new CompactImages.Region(0, 0, SIDE, SIDE));
  }

  private Path resolve(Path folder) {
    Path first = folder.resolve(trainFiles.get(0));
    Path nested = folder.resolve(subfolder);
    return !Files.exists(first) && Files.isDirectory(nested) ? nested : folder;
  }

  private List<String> classNames(Path dir) {
    if (classes == 10) {
      return CIFAR10_CLASSES;
    }
    Path names = dir.resolve("fine_label_names.txt");
    if (Files.isRegularFile(names)) {
      try {
        List<String> lines = Files.readAllLines(names, StandardCharsets.UTF_8).stream()
            .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toList());
        if (lines.size() == classes) {
          return lines;
        }
      } catch (IOException e) {
        // Names are cosmetic: fall back to numbered classes rather than fail the cell.
      }
    }
    return IntStream.range(0, classes).mapToObj(c -> "class_" + c).collect(Collectors.toList());
  }

  private static long size(Path file, String fix) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw BinaryFile.corrupt(file, "cannot be read (" + e.getMessage() + ")", fix, e);
    }
  }

  private String fix(Path dir) {
    String names = String.join(", ", trainFiles) + " and " + testFile;
    return "download the " + name + " binary version (" + archive
        + " from https://www.cs.toronto.edu/~kriz/cifar.html) and extract it so that " + dir
        + " holds " + names;
  }
}
