package org.monosweep.spec;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which parameters each {@link Method} takes, with the default it starts from: the catalogue
 * specs are checked against at plan time, {@code monosweep methods} lists, and cells are read
 * through ({@link Cell#get}).
 */
public final class MethodParams {
  private static final Map<Method, List<ParamKey<?>>> BY_METHOD = catalogue();

  private MethodParams() {}

  private static Map<Method, List<ParamKey<?>>> catalogue() {
    List<ParamKey<?>> classifier = List.of(ParamKeys.OPTIMIZER, ParamKeys.LEARNING_RATE,
        ParamKeys.LR_SCHEDULE, ParamKeys.MOMENTUM, ParamKeys.WEIGHT_DECAY,
        ParamKeys.NATIVE_AUGMENTATION, ParamKeys.LOSS_READ_INTERVAL, ParamKeys.INPUT_SIZE);
    List<ParamKey<?>> ganCommon = List.of(ParamKeys.Z_DIM, ParamKeys.GEN_WIDTH,
        ParamKeys.COLLAPSE_SPREAD, ParamKeys.COLLAPSE_FAIL, ParamKeys.NATIVE_AUGMENTATION,
        ParamKeys.LOSS_READ_INTERVAL, ParamKeys.INPUT_SIZE);
    Map<Method, List<ParamKey<?>>> m = new EnumMap<>(Method.class);
    m.put(Method.ROTNET, classifier);
    m.put(Method.SUPERVISED, classifier);
    m.put(Method.DEEPCLUSTER, concat(classifier,
        List.of(ParamKeys.CLUSTERS, ParamKeys.PCA_DIMS, ParamKeys.KMEANS_ITERATIONS)));
    // WGAN-GP's Adam settings (Gulrajani et al.); BiGAN keeps DCGAN's, the declared defaults.
    m.put(Method.MONOGAN, concat(List.of(ParamKeys.LEARNING_RATE.withDefault(1e-4),
        ParamKeys.BETA1.withDefault(0.0), ParamKeys.BETA2.withDefault(0.9), ParamKeys.GP_LAMBDA,
        ParamKeys.N_CRITIC), ganCommon));
    m.put(Method.BIGAN, concat(List.of(ParamKeys.LEARNING_RATE.withDefault(2e-4),
        ParamKeys.BETA1, ParamKeys.BETA2, ParamKeys.DISC_WIDTH), ganCommon));
    // random never trains: only the architecture it is probed at matters.
    m.put(Method.RANDOM, List.of(ParamKeys.INPUT_SIZE));
    return Map.copyOf(m);
  }

  private static List<ParamKey<?>> concat(List<ParamKey<?>> a, List<ParamKey<?>> b) {
    return Stream.concat(a.stream(), b.stream()).collect(Collectors.toList());
  }

  /** The parameters {@code method} takes, each with that method's default. */
  public static List<ParamKey<?>> of(Method method) {
    return List.copyOf(BY_METHOD.get(method));
  }

  /** The parameter {@code name} of {@code method}, with its default for that method. */
  public static Optional<ParamKey<?>> find(Method method, String name) {
    return BY_METHOD.get(method).stream().filter(k -> k.name().equals(name)).findFirst();
  }

  /** Whether {@code method} takes a parameter called {@code name}. */
  public static boolean declares(Method method, String name) {
    return find(method, name).isPresent();
  }

  /** The names {@code method} takes, in catalogue order. */
  public static List<String> names(Method method) {
    return BY_METHOD.get(method).stream().map(ParamKey::name).collect(Collectors.toList());
  }

  /**
   * {@code key} as {@code method} declares it (with that method's default).
   *
   * @throws IllegalArgumentException when the method does not take it: reading it would use a
   *     value no spec can set
   */
  static <T> ParamKey<T> forMethod(Method method, ParamKey<T> key) {
    for (ParamKey<?> declared : BY_METHOD.get(method)) {
      if (declared.isSameParameter(key)) {
        @SuppressWarnings("unchecked") // the same declaration, so the same value type
        ParamKey<T> typed = (ParamKey<T>) declared;
        return typed;
      }
    }
    throw new IllegalArgumentException(method + " does not take parameter '" + key.name()
        + "': declare it for " + method + " in MethodParams");
  }
}
