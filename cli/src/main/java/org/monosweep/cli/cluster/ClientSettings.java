package org.monosweep.cli.cluster;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How long a client ({@code run --cluster}, {@code status --cluster}) waits to become a member
 * of the cluster before it gives up, from {@code monosweep.client}.
 *
 * @param joinTimeout how long joining may take; joining a live cluster takes about a second
 */
public record ClientSettings(Duration joinTimeout) {
  /** The settings under {@code monosweep.client}. */
  public static ClientSettings create(Config config) {
    return new ClientSettings(config.getDuration("monosweep.client.join-timeout"));
  }
}
