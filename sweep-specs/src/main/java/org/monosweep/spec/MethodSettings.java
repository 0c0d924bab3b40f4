package org.monosweep.spec;

import java.util.Objects;

/**
 * What a spec fixes for one method: its training budget (the spec's {@code budget} with the
 * method's own {@code epochs}, {@code d} or {@code batch} on top) and its fixed
 * hyperparameters, merged into every cell of that method.
 *
 * @param budget the method's budget ({@code random}'s has 0 epochs); cells with N {@code full}
 *     replace its d with the training split's size
 * @param params the method's fixed hyperparameters
 */
public record MethodSettings(TrainBudget budget, Hyperparameters params) {
  public MethodSettings {
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(params, "params");
  }
}
