package org.monosweep.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A subset of {@link Augmentation}s, one row of the ablation grid.
 *
 * <p>Written in specs as {@code none}, {@code all}, or names joined by {@code +}
 * (for example {@code scale+rotation}); the canonical label lists members in enum order.
 *
 * @param members the enabled augmentations (copied, never null)
 */
public record AugmentationSubset(Set<Augmentation> members) {

  /** No augmentation: the source resized to the patch size. */
  public static final AugmentationSubset NONE = new AugmentationSubset(Set.of());
  /** All three augmentations. */
  public static final AugmentationSubset ALL = new AugmentationSubset(EnumSet.allOf(Augmentation.class));

  public AugmentationSubset {
    members = members.isEmpty()
        ? Set.of()
        : java.util.Collections.unmodifiableSet(EnumSet.copyOf(members));
  }

  /** Whether {@code augmentation} is enabled. */
  public boolean contains(Augmentation augmentation) {
    return members.contains(augmentation);
  }

  /** The canonical label: {@code none}, {@code all}, or members in enum order joined by {@code +}. */
  public String label() {
    if (members.isEmpty()) {
      return "none";
    }
    if (members.size() == Augmentation.values().length) {
      return "all";
    }
    return members.stream().map(Augmentation::label).collect(Collectors.joining("+"));
  }

  @Override
  public String toString() {
    return label();
  }

  /**
   * Parses {@code none}, {@code all} or {@code a+b} (also accepts {@code ,} as separator).
   *
   * @throws IllegalArgumentException naming the bad word and the allowed ones
   */
  public static AugmentationSubset parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.equals("none")) {
      return NONE;
    }
    if (trimmed.equals("all")) {
      return ALL;
    }
    EnumSet<Augmentation> set = EnumSet.noneOf(Augmentation.class);
    for (String word : trimmed.split("[+,]")) {
      String w = word.trim();
      Augmentation match = Arrays.stream(Augmentation.values())
          .filter(a -> a.label().equals(w))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(
              "unknown augmentation '" + w + "' in '" + text
                  + "': use none, all, or any of scale, rotation, jitter joined by '+'"));
      set.add(match);
    }
    return new AugmentationSubset(set);
  }

  /** All 2^3 subsets in a stable order (none first, all last), the grid of Table 1. */
  public static List<AugmentationSubset> everySubset() {
    List<AugmentationSubset> subsets = new ArrayList<>();
    Augmentation[] all = Augmentation.values();
    for (int mask = 0; mask < (1 << all.length); mask++) {
      EnumSet<Augmentation> set = EnumSet.noneOf(Augmentation.class);
      for (int bit = 0; bit < all.length; bit++) {
        if ((mask & (1 << bit)) != 0) {
          set.add(all[bit]);
        }
      }
      subsets.add(new AugmentationSubset(set));
    }
    subsets.sort(java.util.Comparator.comparingInt((AugmentationSubset s) -> s.members().size()));
    return List.copyOf(subsets);
  }
}
