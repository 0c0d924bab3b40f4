package org.monosweep.results.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A sweep submitted to a cluster and not finished yet.
 *
 * @param sweep its name
 * @param origin where its spec came from
 * @param specText the spec as HOCON
 * @param submitted when it was (last) submitted
 */
public record SubmittedSpec(String sweep, String origin, String specText, Instant submitted) {
  public SubmittedSpec {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(specText, "specText");
    Objects.requireNonNull(submitted, "submitted");
  }
}
