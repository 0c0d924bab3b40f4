package org.monosweep.trainer.data;

import java.util.Random;
import org.monosweep.spec.Method;

/**
 * A method's own augmentation (docs/protocol.md, "Methods"), applied in place to a batch of CHW
 * images on top of the cell's data. Each image draws from the given {@link Random} in a fixed
 * order, so a seeded generator gives the same batch every time.
 * Implementations are stateless and thread-safe.
 */
public interface NativeAugmentation {

  /**
   * Augments {@code count} images of {@code 3 x side x side} floats at the start of
   * {@code pixels}, in place.
   */
  void apply(float[] pixels, int count, int side, Random random);

  /** This augmentation, then {@code next}. */
  default NativeAugmentation then(NativeAugmentation next) {
    NativeAugmentation first = this;
    return (pixels, count, side, random) -> {
      first.apply(pixels, count, side, random);
      next.apply(pixels, count, side, random);
    };
  }

  /** Leaves images as they are. */
  static NativeAugmentation none() {
    return (pixels, count, side, random) -> { };
  }

  /** Mirrors each image left-right with probability 1/2. */
  static NativeAugmentation flip() {
    return new HorizontalFlip();
  }

  /**
   * CIFAR's random crop: pads each image by {@code padding} pixels of black (-1, the value of
   * padding a uint8 image with 0) and crops a random {@code side x side} window, that is, shifts
   * it by up to {@code padding} pixels each way.
   */
  static NativeAugmentation paddedCrop(int padding) {
    return new PaddedCrop(padding, -1f);
  }

  /**
   * torchvision's {@code RandomResizedCrop}: a crop of area ratio in {@code [minArea, 1]} and
   * aspect ratio in {@code [aspect, 1/aspect]} (log-uniform), resized back to side x side
   * bilinearly; after ten rejected draws, the whole image.
   */
  static NativeAugmentation resizedCrop(double minArea, double aspect) {
    return new ResizedCrop(minArea, aspect);
  }

  /**
   * The native augmentation of a method at CIFAR size: RotNet and BiGAN random crops (pad 4) and
   * flips, DeepCluster {@code RandomResizedCrop} with area 0.08 and aspect 3/4 and flips,
   * supervised training the usual CIFAR crops and flips; MonoGAN and random none.
   */
  static NativeAugmentation forMethod(Method method) {
    switch (method) {
      case ROTNET:
      case BIGAN:
      case SUPERVISED:
        return paddedCrop(4).then(flip());
      case DEEPCLUSTER:
        return resizedCrop(0.08, 0.75).then(flip());
      case MONOGAN:
      case RANDOM:
      default:
        return none();
    }
  }
}
