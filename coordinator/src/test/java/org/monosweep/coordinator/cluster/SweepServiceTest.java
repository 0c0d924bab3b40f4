package org.monosweep.coordinator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.ClusterStatus;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.GetStatus;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SubmitReply;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SubmitSweep;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepAccepted;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepRefused;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepState;
import org.monosweep.expand.SpecLoader;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;

/**
 * The sweep service over a real H2 file in a one-member cluster: what it accepts and refuses,
 * and that a service started again over the same file (as after a fail-over) resumes the
 * sweeps that were submitted and not finished. No worker slots join, so cells stay pending.
 */
class SweepServiceTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String SPEC = """
      name = %s
      dataset { kind = fashion-mnist }
      encoder = small4
      grid { method = [rotnet], n = [10], augmentation = [none, all], seed = %s }
      budget { epochs = 1, d = 64, batch = 16 }
      """;

  private static ActorTestKit kit;

  @TempDir Path dir;

  @BeforeAll
  static void startCluster() {
    Config config = ConfigFactory.parseResources("cluster-test.conf")
        .withFallback(ConfigFactory.load());
    kit = ActorTestKit.create("monosweep", config);
    Cluster cluster = Cluster.get(kit.system());
    cluster.manager().tell(new Join(cluster.selfMember().address()));
  }

  @AfterAll
  static void stopCluster() {
    kit.shutdownTestKit();
  }

  @Test
  void acceptsASpecRefusesBadOnesAndAnswersStatusForKnownSweepsOnly() {
    ActorRef<SweepService.Command> service = kit.spawn(service(dir.resolve("db")));
    TestProbe<SubmitReply> replies = kit.createTestProbe();

    submit(service, spec("alpha", "[0, 1]"), replies);
    assertThat(replies.receiveMessage(WAIT)).isEqualTo(new SweepAccepted("alpha", 4, 0));

    // the same sweep again (a client that retries after a fail-over): accepted, not doubled
    submit(service, spec("alpha", "[0, 1]"), replies);
    assertThat(replies.receiveMessage(WAIT)).isEqualTo(new SweepAccepted("alpha", 4, 0));

    // another sweep queues behind it
    submit(service, spec("beta", "[5]"), replies);
    assertThat(replies.receiveMessage(WAIT)).isEqualTo(new SweepAccepted("beta", 2, 1));

    // other cells under a running sweep's name, and a spec with a bad key, are refused
    submit(service, spec("alpha", "[0, 1, 2]"), replies);
    assertThat(((SweepRefused) replies.receiveMessage(WAIT)).reason())
        .contains("a different sweep named 'alpha' is running");
    submit(service, spec("gamma", "[0]").replace("epochs = 1", "epoks = 1"), replies);
    assertThat(((SweepRefused) replies.receiveMessage(WAIT)).reason()).contains("epoks");

    ClusterStatus all = status(service, "");
    assertThat(all.error()).isEmpty();
    assertThat(all.sweeps()).extracting(SweepState::sweep, SweepState::phase, SweepState::total)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", "running", 4),
            org.assertj.core.groups.Tuple.tuple("beta", "queued", 2));
    assertThat(all.members()).hasSize(1);
    assertThat(all.members().get(0).roles()).isEmpty();

    ClusterStatus unknown = status(service, "nope");
    assertThat(unknown.error()).contains("unknown sweep 'nope'").contains("alpha, beta");
    assertThat(unknown.sweeps()).isEmpty();
    kit.stop(service);
  }

  @Test
  void aServiceStartedAgainOverTheSameStoreResumesTheOpenSweeps() {
    Path db = dir.resolve("db");
    ActorRef<SweepService.Command> first = kit.spawn(service(db));
    TestProbe<SubmitReply> replies = kit.createTestProbe();
    submit(first, spec("alpha", "[0, 1]"), replies);
    replies.expectMessageClass(SweepAccepted.class, WAIT);
    submit(first, spec("beta", "[5]"), replies);
    replies.expectMessageClass(SweepAccepted.class, WAIT);
    kit.stop(first, WAIT);

    try (ResultStore store = ResultStores.openFile(db)) {
      store.closeSpec("beta", java.time.Instant.now()); // as if beta had finished
    }
    ActorRef<SweepService.Command> second = kit.spawn(service(db));
    TestProbe<Object> probe = kit.createTestProbe();
    probe.awaitAssert(WAIT, () -> {
      assertThat(status(second, "").sweeps()).extracting(SweepState::sweep, SweepState::phase)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("alpha", "running"));
      return null;
    });
    kit.stop(second, WAIT);
  }

  private static Behavior<SweepService.Command> service(Path db) {
    return SweepService.create(() -> ResultStores.openFile(db), null, SpecLoader.create());
  }

  private static String spec(String name, String seeds) {
    return SPEC.formatted(name, seeds);
  }

  private static void submit(ActorRef<SweepService.Command> service, String text,
      TestProbe<SubmitReply> replies) {
    service.tell(client(new SubmitSweep(text, "test.conf", replies.getRef())));
  }

  private static ClusterStatus status(ActorRef<SweepService.Command> service, String sweep) {
    TestProbe<ClusterStatus> probe = kit.createTestProbe();
    service.tell(client(new GetStatus(sweep, probe.getRef())));
    return probe.receiveMessage(WAIT);
  }

  /** The service takes client messages the way its singleton wrapper hands them over. */
  private static SweepService.Command client(SweepServiceProtocol.Command command) {
    return SweepService.fromClient(command);
  }
}
