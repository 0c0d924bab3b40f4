package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.cli.cluster.ClusterClient;
import org.monosweep.cli.cluster.ClusterSetup;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.ClusterStatus;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SubmitReply;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepAccepted;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepState;
import org.monosweep.expand.SpecLoader;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import org.monosweep.spec.CellId;
import org.monosweep.spec.SweepSpec;

/**
 * Chaos on a real cluster of separate JVMs over loopback: two coordinators (the second a
 * standby), two simulated worker nodes and this test as a client. A node is killed with SIGKILL
 * in the middle of a cell, then the coordinator that hosts the sweep service; the standby takes
 * over from the H2 file and the sweep still finishes with every cell done exactly once.
 */
class ClusterChaosTest {
  private static final Duration CELL = Duration.ofMillis(1500);
  private static final String SWEEP = "chaos";

  @TempDir Path dir;
  private final List<Member> members = new ArrayList<>();

  @AfterEach
  void stopEveryone() {
    members.forEach(Member::kill);
  }

  @Test
  void aSweepSurvivesKillingANodeMidCellAndTheCoordinatorAndEveryCellIsDoneOnce()
      throws Exception {
    Path runs = dir.resolve("runs");
    Path settings = writeSettings(dir.resolve("chaos.conf"));
    Path spec = writeSpec(dir.resolve("chaos-spec.conf"), writeImage(dir.resolve("a.png")));
    SweepSpec sweep = SpecLoader.create().load(spec);
    assertThat(sweep.cells()).hasSize(24);
    int first = freePort();
    int second = freePort();
    String seeds = "127.0.0.1:" + first + ",127.0.0.1:" + second;

    Member coordinator1 = start("coordinator-1", runs, settings, "coordinator", "--port",
        String.valueOf(first));
    coordinator1.await("coordinator monosweep@", Duration.ofSeconds(60));
    Member coordinator2 = start("coordinator-2", runs, settings, "coordinator", "--port",
        String.valueOf(second), "--join", seeds);
    Member nodeA = start("node-a", runs, settings, "node", "--join", seeds, "--slots", "2",
        "--simulate", CELL.toMillis() + "ms");
    Member nodeB = start("node-b", runs, settings, "node", "--join", seeds, "--slots", "2",
        "--simulate", CELL.toMillis() + "ms");
    coordinator2.await("coordinator monosweep@", Duration.ofSeconds(60));

    try (ClusterClient client = ClusterClient.join(seeds, new ClusterSetup(
        ConfigOption.layered(settings), "127.0.0.1", 0, null)
        .config("client", List.of(seeds.split(","))))) {
      SubmitReply reply = client.submit(SpecLoader.create().resolvedText(spec.toString()),
          spec.toString(), Duration.ofSeconds(60));
      assertThat(reply).isEqualTo(new SweepAccepted(SWEEP, 24, 0));

      // SIGKILL node A while it holds a cell.
      String started = nodeA.await("started cell ", Duration.ofSeconds(60));
      CellId killedMidCell = new CellId(started.split(" ")[2]);
      nodeA.kill();

      // Once the cluster has downed node A (its slots are gone, its cell is pending again) and
      // some cells are done, SIGKILL the coordinator that hosts the service.
      awaitStatus(client, status -> {
        assertThat(status.slotsTotal()).isEqualTo(2);
        assertThat(status.members()).extracting(m -> m.address())
            .noneMatch(address -> address.endsWith(nodeA.port()));
        assertThat(status.sweeps().get(0).done()).isGreaterThanOrEqualTo(8);
      }, Duration.ofSeconds(90));
      coordinator1.kill();

      // The standby takes over from the H2 file; node B finishes the sweep.
      SweepState end = awaitStatus(client,
          status -> assertThat(status.sweeps().get(0).phase()).isEqualTo("finished"),
          Duration.ofSeconds(180)).sweeps().get(0);
      assertThat(end.done()).isEqualTo(24);
      assertThat(end.failed()).isZero();
      ClusterStatus status = client.status(SWEEP, Duration.ofSeconds(30));
      assertThat(status.coordinator()).endsWith(":" + second);

      coordinator2.stop();
      nodeB.stop();
      try (ResultStore store = ResultStores.openFile(runs.resolve("monosweep"))) {
        List<CellRow> cells = store.cells(SWEEP);
        assertThat(cells).hasSize(24);
        assertThat(cells).allSatisfy(c -> assertThat(c.state().status()).isEqualTo(CellStatus.DONE));
        // one result per cell, each with its four probes: nothing stored twice, nothing lost
        assertThat(store.probes(SWEEP)).hasSize(24 * 4);
        // The cell node A held when it died ran again elsewhere. (Its attempt number is 2 when
        // node A's start report got out before the kill, else the attempt never happened.)
        CellRow killed = store.cell(killedMidCell).orElseThrow();
        assertThat(killed.state().node()).doesNotEndWith(nodeA.port());
      }
    }
  }

  /** Polls the service (through the proxy, which follows it on fail-over) until it holds. */
  private static ClusterStatus awaitStatus(ClusterClient client,
      java.util.function.Consumer<ClusterStatus> condition, Duration max) {
    TestProbe<Object> probe = TestProbe.create(client.system());
    AtomicReference<ClusterStatus> last = new AtomicReference<>();
    probe.awaitAssert(max, Duration.ofMillis(500), () -> {
      ClusterStatus status;
      try {
        status = client.status(SWEEP, Duration.ofSeconds(5));
      } catch (Exception e) {
        throw new AssertionError("no answer yet: " + e.getMessage());
      }
      assertThat(status.sweeps()).as(status.error()).hasSize(1);
      condition.accept(status);
      last.set(status);
      return null;
    });
    return last.get();
  }

  private Member start(String name, Path runs, Path settings, String... command)
      throws IOException {
    List<String> line = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    line.addAll(List.of(command));
    line.addAll(List.of("--runs", runs.toString(), "--config", settings.toString()));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
    Member member = new Member(name, process);
    members.add(member);
    return member;
  }

  private static Path writeSettings(Path file) throws IOException {
    Files.writeString(file, """
        # Fast failure handling for a test on loopback.
        akka.cluster {
          split-brain-resolver.stable-after = 2s
          failure-detector.acceptable-heartbeat-pause = 2s
          typed.receptionist.distributed-data {
            gossip-interval = 200ms
            notify-subscribers-interval = 100ms
          }
        }
        monosweep.coordinator {
          lease = 8s
          retry-backoff = 100ms
          retry-backoff-max = 500ms
          progress-interval = 1s
        }
        monosweep.gpu-node.lease-renewal = 1s
        """);
    return file;
  }

  private static Path writeSpec(Path file, Path image) throws IOException {
    Files.writeString(file, """
        name = chaos
        dataset { kind = fashion-mnist }
        encoder = small4
        sources { A = "%s" }
        grid {
          method = [rotnet]
          n = [1, 10]
          augmentation = [none, scale, rotation, all]
          source = [A]
          seed = [0, 1, 2]
        }
        budget { epochs = 1, d = 64, batch = 16 }
        """.formatted(image));
    return file;
  }

  private static Path writeImage(Path file) throws IOException {
    ImageIO.write(new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    return file;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A member JVM whose output is read line by line. */
  private static final class Member {
    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private volatile String port = "?";

    Member(String name, Process process) {
      this.name = name;
      this.process = process;
      Thread reader = new Thread(this::read, "output-" + name);
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          output.append(line).append('\n');
          if (line.startsWith("node monosweep@") || line.startsWith("coordinator monosweep@")) {
            port = line.split("[:\\s]")[2];
          }
          lines.add(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Waits for a line starting with {@code prefix} and returns it. */
    String await(String prefix, Duration max) throws InterruptedException {
      long deadline = System.nanoTime() + max.toNanos();
      while (System.nanoTime() < deadline) {
        String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
      }
      throw new AssertionError(name + " printed no line starting with '" + prefix + "' within "
          + max + "; its output:\n" + output);
    }

    String port() {
      return ":" + port;
    }

    /** SIGKILL: no shutdown hook, no goodbye to the cluster. */
    void kill() {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    /** SIGTERM: leaves the cluster and exits. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }
}
