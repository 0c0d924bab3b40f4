package org.monosweep.coordinator.writer;

import com.typesafe.config.Config;
import java.util.Objects;

/**
 * How the {@link ResultsWriter} batches and where it runs JDBC, read once from the
 * {@code monosweep.results.writer} section (defaults in this module's {@code reference.conf}).
 *
 * @param maxBatchSize at most this many writes share one transaction
 * @param dispatcher the config path of the dispatcher that runs the blocking JDBC calls
 */
public record ResultsWriterSettings(int maxBatchSize, String dispatcher) {

  /** The built-in defaults: batches of up to 500 writes on Akka's blocking-I/O dispatcher. */
  public static final ResultsWriterSettings DEFAULTS =
      new ResultsWriterSettings(500, "akka.actor.default-blocking-io-dispatcher");

  public ResultsWriterSettings {
    if (maxBatchSize < 1) {
      throw new IllegalArgumentException("monosweep.results.writer.max-batch must be >= 1, got "
          + maxBatchSize);
    }
    Objects.requireNonNull(dispatcher, "dispatcher");
  }

  /** Reads the {@code monosweep.results.writer} section of the system's config. */
  public static ResultsWriterSettings create(Config config) {
    Config c = config.getConfig("monosweep.results.writer");
    return new ResultsWriterSettings(c.getInt("max-batch"), c.getString("dispatcher"));
  }
}
