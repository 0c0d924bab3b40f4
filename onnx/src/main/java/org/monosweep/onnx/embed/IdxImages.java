package org.monosweep.onnx.embed;

import java.nio.file.Path;
import java.util.List;
import org.monosweep.trainer.data.DatasetException;
import org.monosweep.trainer.data.ImageFiles;
import org.monosweep.trainer.data.PlaneResize;
import org.monosweep.trainer.data.TrainingImages;

/**
 * An IDX image file and its label file when present, read by the training readers' code
 * ({@link ImageFiles#idx}): centred on a black frame of the stored side (32), or of the model's
 * side when that is smaller, and for a model that takes larger inputs the frame resized
 * bilinearly to its side ({@link PlaneResize}), as the real splits reach a larger encoder.
 */
final class IdxImages implements ImageSource {
  private final TrainingImages framed;
  private final int[] labels;
  private final PlaneResize resize;

  private IdxImages(TrainingImages framed, int[] labels, PlaneResize resize) {
    this.framed = framed;
    this.labels = labels;
    this.resize = resize;
  }

  /**
   * @throws IllegalArgumentException when the file is not IDX images, is corrupt, or holds
   *     images larger than their frame
   */
  static IdxImages open(Path file, int side) {
    // the training data readers frame MNIST-like images at 32 pixels and resize those frames
    int frame = Math.min(side, PlaneResize.STORED_SIDE);
    ImageFiles.IdxContents contents;
    try {
      contents = ImageFiles.idx(file, frame);
    } catch (DatasetException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new IdxImages(contents.images(), contents.labels().orElse(null),
        frame == side ? null : new PlaneResize(frame, side));
  }

  @Override
  public int size() {
    return framed.size();
  }

  @Override
  public int side() {
    return resize == null ? framed.side() : resize.to();
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
    return List.of();
  }

  @Override
  public String name(int index) {
    return "idx:" + index;
  }

  @Override
  public void read(int from, int n, float[] out) {
    if (from < 0 || n < 0 || from + n > size()) {
      throw new IndexOutOfBoundsException("images " + from + ".." + (from + n - 1) + " of "
          + size());
    }
    int[] indices = new int[n];
    for (int k = 0; k < n; k++) {
      indices[k] = from + k;
    }
    if (resize == null) {
      framed.read(indices, out, null);
      return;
    }
    int framePlane = framed.side() * framed.side();
    int plane = resize.to() * resize.to();
    float[] frames = new float[n * 3 * framePlane];
    framed.read(indices, frames, null);
    for (int p = 0; p < n * 3; p++) {
      resize.apply(frames, p * framePlane, out, p * plane);
    }
  }
}
