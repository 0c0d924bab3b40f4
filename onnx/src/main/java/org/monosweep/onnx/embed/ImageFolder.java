package org.monosweep.onnx.embed;

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
import org.monosweep.trainer.data.ImageFiles;

/** A folder of PNG/JPEG images, flat or one subfolder per class. */
final class ImageFolder implements ImageSource {
  private final Path root;
  private final List<Path> files;
  private final int[] labels;
  private final List<String> classNames;
  private final int side;
  private final boolean grayscale;

  private ImageFolder(Path root, List<Path> files, int[] labels, List<String> classNames,
      int side, boolean grayscale) {
    this.root = root;
    this.files = List.copyOf(files);
    this.labels = labels;
    this.classNames = List.copyOf(classNames);
    this.side = side;
    this.grayscale = grayscale;
  }

  static ImageFolder open(Path root, int side, boolean grayscale) throws IOException {
    List<Path> loose = images(root);
    List<Path> folders;
    try (Stream<Path> children = Files.list(root)) {
      folders = children.filter(Files::isDirectory).sorted().collect(Collectors.toList());
    }
    List<String> classes = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    // Every subfolder is a class, empty or not, as in the training reader of image folders, so
    // that label k means the same class here as there.
    for (Path folder : folders) {
      List<Path> inside = images(folder);
      classes.add(folder.getFileName().toString());
      for (Path file : inside) {
        files.add(file);
        labels.add(classes.size() - 1);
      }
    }
    String expected = "expected PNG/JPEG images directly in " + root
        + " (unlabelled) or in one subfolder per class (labelled)";
    if (!loose.isEmpty() && !files.isEmpty()) {
      throw new IllegalArgumentException(root + " mixes " + loose.size() + " loose images with"
          + " class folders " + classes + "; " + expected);
    }
    if (loose.isEmpty() && files.isEmpty()) {
      throw new IllegalArgumentException(root + " holds no .png, .jpg or .jpeg images; "
          + expected);
    }
    if (!loose.isEmpty()) {
      return new ImageFolder(root, loose, null, List.of(), side, grayscale);
    }
    return new ImageFolder(root, files, labels.stream().mapToInt(Integer::intValue).toArray(),
        classes, side, grayscale);
  }

  private static List<Path> images(Path folder) throws IOException {
    try (Stream<Path> children = Files.list(folder)) {
      return children.filter(Files::isRegularFile).filter(ImageFolder::isImage).sorted()
          .collect(Collectors.toList());
    }
  }

  private static boolean isImage(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
  }

  @Override
  public int size() {
    return files.size();
  }

  @Override
  public int side() {
    return side;
  }

  @Override
  public boolean labelled() {
    return labels != null;
  }

  @Override
  public int[] labels() {
    return labels == null ? new int[0] : labels.clone();
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }

  @Override
  public String name(int index) {
    return root.relativize(files.get(index)).toString();
  }

  @Override
  public void read(int from, int count, float[] out) {
    if (from < 0 || count < 0 || from + count > files.size()) {
      throw new IndexOutOfBoundsException("images " + from + ".." + (from + count - 1) + " of "
          + files.size());
    }
    int stride = 3 * side * side;
    for (int k = 0; k < count; k++) {
      Path file = files.get(from + k);
      SourceImage image;
      try {
        image = SourceImage.read(file, grayscale);
      } catch (IllegalArgumentException | UncheckedIOException e) {
        throw new IllegalArgumentException(file + " is not a readable PNG or JPEG image: "
            + e.getMessage(), e);
      }
      ImageFiles.resample(image, side, out, k * stride);
    }
  }
}
