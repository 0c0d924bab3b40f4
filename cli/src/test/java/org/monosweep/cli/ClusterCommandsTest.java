package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.cli.cluster.ClusterSetup;
import picocli.CommandLine;

/** The cluster commands' input checks and the configuration a member is started with. */
class ClusterCommandsTest {
  @TempDir Path dir;

  @Test
  void aNodeWithZeroSlotsIsRefusedBeforeItJoins() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));

    int code = cli.execute("node", "--join", "127.0.0.1:1", "--slots", "0",
        "--runs", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--slots 0").contains("at least one worker slot");
  }

  @Test
  void anUnreachableCoordinatorEndsInOneLineAndExitCodeThreeWithinTheJoinTimeout()
      throws Exception {
    Path fast = Files.writeString(dir.resolve("fast.conf"), "monosweep.client.join-timeout = 2s\n");
    long start = System.nanoTime();

    CommandRun run = CommandRun.of("status", "--cluster", "127.0.0.1:1", "--config",
        fast.toString(), "--runs", dir.resolve("runs").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err()).hasLineCount(1).startsWith("error: no cluster let this client join"
        + " through 127.0.0.1:1 within 2 s").contains("--tls");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aJoinAddressWithoutAPortOrAMissingConfigFileIsNamedWithItsFix() {
    assertThatThrownBy(() -> new ClusterSetup(ConfigOption.layered(null), "127.0.0.1", 0, null)
        .config("node", List.of("10.0.0.5")))
        .hasMessageContaining("'10.0.0.5' is not HOST:PORT").hasMessageContaining("--join");
    assertThatThrownBy(() -> ConfigOption.layered(dir.resolve("nope.conf")))
        .hasMessageContaining("--config " + dir.resolve("nope.conf") + ": no such file");
  }

  @Test
  void aMemberGetsItsRoleVersionAddressSeedsAndTheSplitBrainResolver() {
    Config config = new ClusterSetup(ConfigOption.layered(null), "10.1.2.3", 25520, null)
        .config("coordinator", List.of());
    assertThat(config.getStringList("akka.cluster.roles")).containsExactly("coordinator");
    assertThat(config.getString("akka.cluster.app-version")).isEqualTo(ClusterSetup.version());
    assertThat(config.getString("akka.remote.artery.canonical.hostname")).isEqualTo("10.1.2.3");
    assertThat(config.getStringList("akka.cluster.seed-nodes"))
        .containsExactly("akka://monosweep@10.1.2.3:25520");
    assertThat(config.getString("akka.cluster.downing-provider-class"))
        .isEqualTo("akka.cluster.sbr.SplitBrainResolverProvider");
    assertThat(config.getString("akka.cluster.split-brain-resolver.active-strategy"))
        .isEqualTo("keep-majority");
    assertThat(config.getBoolean("akka.actor.allow-java-serialization")).isFalse();
    assertThat(config.getString("akka.remote.artery.transport")).isEqualTo("tcp");

    Config node = new ClusterSetup(ConfigOption.layered(null), null, 0, null)
        .config("node", List.of("10.1.2.3:25520", "10.1.2.4:25520"));
    assertThat(node.getString("akka.remote.artery.canonical.hostname")).isEqualTo("127.0.0.1");
    assertThat(node.getStringList("akka.cluster.seed-nodes")).containsExactly(
        "akka://monosweep@10.1.2.3:25520", "akka://monosweep@10.1.2.4:25520");
  }
}
