package org.monosweep.cli;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.monosweep.cli.cluster.ClusterSetup;
import picocli.CommandLine.Option;

/** The options every member of a multi-machine cluster shares. */
final class ClusterOptions {
  @Option(names = "--host",
      description = "the address other members reach this one at (default: 127.0.0.1;"
          + " give the machine's own address on a real network)")
  String host;

  @Option(names = "--tls", paramLabel = "DIR",
      description = "the lab's TLS folder (monosweep keystore --out DIR): TLS with mutual"
          + " authentication between members")
  Path tls;

  /** The member's setup over {@code settings} ({@code --config} and the defaults). */
  ClusterSetup setup(Config settings, Integer port) {
    return new ClusterSetup(settings, host, port, tls);
  }
}
