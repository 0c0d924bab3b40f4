package org.monosweep.cli.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.List;
import org.monosweep.cli.tls.ClusterTls;

/**
 * The configuration of one member of a multi-machine cluster, in layers: the command's flags
 * (role, address, seed nodes) over the settings (the {@code --config} file over
 * {@code application.conf} and the modules' {@code reference.conf}), then Artery TLS when a lab
 * folder is given.
 *
 * @param settings the settings the command read, {@code --config} included
 * @param host the address other members reach this one at ({@code --host}); null for the
 *     config's {@code akka.remote.artery.canonical.hostname} (127.0.0.1 by default)
 * @param port the port to listen on, 0 for any free one; null for the config's
 *     {@code akka.remote.artery.canonical.port}
 * @param tls the lab's TLS folder ({@code --tls}); null for the {@code monosweep.tls.dir} setting
 */
public record ClusterSetup(Config settings, String host, Integer port, Path tls) {

  /** The actor system's name; every member of a cluster must use the same. */
  public static final String SYSTEM_NAME = "monosweep";

  /** The default port of a coordinator (Akka's customary one). */
  public static final int COORDINATOR_PORT = 25520;

  /**
   * The member's configuration.
   *
   * @param role {@code coordinator}, {@code node} or {@code client}
   * @param seeds {@code HOST:PORT} of the members to join; empty to start a new cluster with
   *     this member as its first
   * @throws IllegalArgumentException for a bad seed, naming it
   */
  public Config config(String role, List<String> seeds) {
    String hostname = host != null ? host
        : settings.getString("akka.remote.artery.canonical.hostname");
    int listen = port != null ? port : settings.getInt("akka.remote.artery.canonical.port");
    Config flags = ConfigFactory.empty()
        .withValue("akka.cluster.roles", ConfigValueFactory.fromIterable(List.of(role)))
        .withValue("akka.cluster.app-version", ConfigValueFactory.fromAnyRef(version()))
        .withValue("akka.remote.artery.canonical.hostname", ConfigValueFactory.fromAnyRef(hostname))
        .withValue("akka.remote.artery.canonical.port", ConfigValueFactory.fromAnyRef(listen));
    if (!seeds.isEmpty() || !settings.hasPath("akka.cluster.seed-nodes")
        || settings.getStringList("akka.cluster.seed-nodes").isEmpty()) {
      flags = flags.withValue("akka.cluster.seed-nodes", ConfigValueFactory.fromIterable(
          (seeds.isEmpty() ? List.of(hostname + ":" + listen) : seeds).stream()
              .map(ClusterSetup::seedAddress).toList()));
    }
    flags = flags
        // A separate process stops when it is downed or leaves, so a supervisor can restart it.
        .withValue("akka.coordinated-shutdown.exit-jvm",
            ConfigValueFactory.fromAnyRef(!role.equals("client")))
        .withValue("akka.coordinated-shutdown.run-by-jvm-shutdown-hook",
            ConfigValueFactory.fromAnyRef(true));
    return ClusterTls.configure(flags.withFallback(settings), tls);
  }

  /** {@code akka://monosweep@HOST:PORT} for {@code HOST:PORT}. */
  static String seedAddress(String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    if (colon <= 0 || colon == hostPort.length() - 1) {
      throw new IllegalArgumentException("'" + hostPort + "' is not HOST:PORT; give the"
          + " coordinator's address, e.g. --join 10.0.0.5:" + COORDINATOR_PORT);
    }
    try {
      int port = Integer.parseInt(hostPort.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + hostPort + "' has no valid port; give HOST:PORT,"
          + " e.g. 10.0.0.5:" + COORDINATOR_PORT);
    }
    return "akka://" + SYSTEM_NAME + "@" + hostPort;
  }

  /** monosweep's version, which members compare to refuse incompatible nodes. */
  public static String version() {
    String v = ClusterSetup.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0" : v;
  }
}
