package org.monosweep.trainer.data;

/**
 * One prepared batch, ready to become NDArrays. The arrays are fresh per batch and owned by the
 * receiver; as a record of arrays, equality is by identity.
 *
 * @param index the batch's position in the epoch, from 0
 * @param indices the image indices it holds, in order
 * @param pixels {@code indices.length * 3 * side * side} floats, CHW per image, in [-1, 1]
 * @param labels one label per image; -1 for every image when the images are unlabelled
 */
public record Batch(int index, int[] indices, float[] pixels, int[] labels) {

  /** The number of images. */
  public int size() {
    return indices.length;
  }
}
