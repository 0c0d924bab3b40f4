package org.monosweep.spec;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" for misspelt keys and words: the closest allowed word by edit distance. */
public final class Suggestions {
  private Suggestions() {
  }

  /**
   * {@code " (did you mean 'x'?)"} when some allowed word is close to {@code word}, else an
   * empty string; ready to append to a problem.
   */
  public static String didYouMean(String word, Collection<String> allowed) {
    String w = word.toLowerCase(Locale.ROOT);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : allowed) {
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    // A third of the longer word, at least one edit: close enough to be a typo, not a guess.
    // Equal up to case still deserves a hint: source names and HOCON keys are case-sensitive.
    if (best == null || best.equals(word)
        || bestDistance > Math.max(1, Math.max(w.length(), best.length()) / 3)) {
      return "";
    }
    return " (did you mean '" + best + "'?)";
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
