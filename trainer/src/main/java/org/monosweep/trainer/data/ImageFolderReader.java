package org.monosweep.trainer.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.monosweep.augment.transform.SourceImage;

/**
 * An image tree {@code root/train/<class>/*.png|jpg|jpeg} and {@code root/test/<class>/...}: class
 * names are the folder names under {@code train/}, sorted; every image is decoded (with the colour
 * handling of augment-node's {@link SourceImage}) and resized to 32 x 32 with {@link Bilinear}.
 * Images are ordered round-robin over the classes (the first image of each class, then the
 * second, ...) so that a {@code limit} takes a balanced head rather than one class.
 */
final class ImageFolderReader implements DatasetReader {
  private static final int PIXELS = 3 * SIDE * SIDE;

  @Override
  public CompactImages read(Path folder, Split split, int limit) {
    String fix = "lay the images out as " + folder + "/train/<class>/*.png|jpg and " + folder
        + "/test/<class>/*.png|jpg, one folder per class, the same class folders in both";
    Path trainDir = folder.resolve("train");
    List<String> classes = subfolders(trainDir, fix);
    if (classes.isEmpty()) {
      throw new DatasetException(trainDir, "has no class folders; " + fix);
    }
    Path splitDir = folder.resolve(split == Split.TRAIN ? "train" : "test");
    List<List<Path>> perClass = new ArrayList<>();
    for (String name : classes) {
      perClass.add(List.of());
    }
    for (String name : subfolders(splitDir, fix)) {
      int index = classes.indexOf(name);
      if (index < 0) {
        throw new DatasetException(splitDir.resolve(name), "is a class that " + trainDir
            + " does not have; " + fix);
      }
      perClass.set(index, imageFiles(splitDir.resolve(name), fix));
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int longest = perClass.stream().mapToInt(List::size).max().orElse(0);
    for (int k = 0; k < longest; k++) {
      for (int c = 0; c < classes.size(); c++) {
        if (k < perClass.get(c).size()) {
          files.add(perClass.get(c).get(k));
          labels.add(c);
        }
      }
    }
    if (files.isEmpty()) {
      throw new DatasetException(splitDir, "holds no .png or .jpg images; " + fix);
    }
    int n = limit > 0 ? Math.min(limit, files.size()) : files.size();
    byte[] pixels = new byte[Math.multiplyExact(n, PIXELS)];
    for (int i = 0; i < n; i++) {
      SourceImage image = decode(files.get(i), fix);
      float[] resized = Bilinear.resize(image.toPlanarRgb(), 3, image.width(), image.height(),
          SIDE);
      for (int p = 0; p < PIXELS; p++) {
        pixels[i * PIXELS + p] = (byte) ImageFiles.toByte(resized[p]);
      }
    }
    int[] labelArray = labels.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
    return new CompactImages(pixels, n, 3, SIDE, labelArray, classes,
        new CompactImages.Region(0, 0, SIDE, SIDE));
  }

  private static SourceImage decode(Path file, String fix) {
    try {
      return SourceImage.read(file, false);
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new DatasetException(file, "is not a readable PNG or JPEG image (" + e.getMessage()
          + "); replace or remove it, or " + fix, e);
    }
  }

  private static List<String> subfolders(Path dir, String fix) {
    if (!Files.isDirectory(dir)) {
      throw new DatasetException(dir, "is missing; " + fix);
    }
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new DatasetException(dir, "cannot be listed (" + e.getMessage() + "); " + fix, e);
    }
  }

  private static List<Path> imageFiles(Path dir, String fix) {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isRegularFile).filter(ImageFolderReader::isImage).sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new DatasetException(dir, "cannot be listed (" + e.getMessage() + "); " + fix, e);
    }
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
  }
}
