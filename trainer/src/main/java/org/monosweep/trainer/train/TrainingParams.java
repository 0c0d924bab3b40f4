package org.monosweep.trainer.train;

import org.monosweep.spec.ParamKey;

/**
 * The method hyperparameters the built-in trainers read from a cell ({@code params} in a spec).
 * Names are the spec's; defaults apply when a spec leaves a name out.
 */
public final class TrainingParams {
  private TrainingParams() {}

  /** {@code optimizer}: {@code sgd} (with momentum) or {@code adam}. */
  public static final ParamKey<String> OPTIMIZER = ParamKey.ofString("optimizer", "sgd");
  /** {@code lr}: the initial learning rate. */
  public static final ParamKey<Double> LEARNING_RATE = ParamKey.ofDouble("lr", 0.05);
  /** {@code lr_schedule}: {@code cosine} (to 0 over the budget) or {@code constant}. */
  public static final ParamKey<String> LR_SCHEDULE = ParamKey.ofString("lr_schedule", "cosine");
  /** {@code momentum}: SGD momentum (Adam's beta1 when the optimizer is adam). */
  public static final ParamKey<Double> MOMENTUM = ParamKey.ofDouble("momentum", 0.9);
  /** {@code weight_decay}: L2 weight decay on every trained parameter. */
  public static final ParamKey<Double> WEIGHT_DECAY = ParamKey.ofDouble("weight_decay", 5e-4);
  /**
   * {@code native_aug}: the method's own augmentation on top of the cell's dataset augmentation
   * ({@code NativeAugmentation.forMethod}: random crops of a 4-pixel padding and flips for
   * RotNet and supervised).
   */
  public static final ParamKey<Boolean> NATIVE_AUGMENTATION = ParamKey.ofBoolean("native_aug", true);
  /**
   * {@code loss_every}: how many steps pass between reads of the loss from the engine (reading
   * forces a synchronisation; every step costs 7-15% of throughput). Divergence is detected at
   * these reads and at the end of every epoch, naming the exact step.
   */
  public static final ParamKey<Integer> LOSS_READ_INTERVAL = ParamKey.ofInt("loss_every", 20);

  /**
   * {@code input_size}: the side S of the encoder's square input, 0 for the encoder's default
   * (32 for small4, which takes nothing else; 224 for alexnet, which takes 64 to 224). Images of
   * the real splits, stored at 32 pixels, are upsampled bilinearly to S; augmented patches of
   * N sources are rendered at S directly.
   */
  public static final ParamKey<Integer> INPUT_SIZE = ParamKey.ofInt("input_size", 0);
}
