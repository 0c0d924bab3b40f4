package org.monosweep.coordinator.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.Address;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A node running another monosweep version joins the cluster (Akka lets it) but its slots get
 * no cells: three real members over loopback with different {@code akka.cluster.app-version}s.
 */
class NodeAdmissionTest {

  @Test
  void onlyMembersOfTheSameMajorAndMinorVersionAreAdmitted() {
    ActorTestKit coordinator = kit("0.1.0");
    ActorTestKit patched = kit("0.1.7");
    ActorTestKit newer = kit("0.2.0");
    try {
      Address seed = Cluster.get(coordinator.system()).selfMember().address();
      for (ActorTestKit kit : new ActorTestKit[] {coordinator, patched, newer}) {
        Cluster.get(kit.system()).manager().tell(new Join(seed));
      }
      TestProbe<Object> probe = coordinator.createTestProbe();
      probe.awaitAssert(Duration.ofSeconds(20), () -> {
        assertThat(StreamSupport.stream(Cluster.get(coordinator.system()).state().getMembers()
            .spliterator(), false).filter(m -> m.status() == MemberStatus.up()).count())
            .isEqualTo(3);
        return null;
      });
      NodeAdmission admission = NodeAdmission.of(coordinator.system(),
          LoggerFactory.getLogger(NodeAdmissionTest.class));

      assertThat(admission.admits(seed)).isTrue();
      assertThat(admission.admits(address(patched))).isTrue();
      assertThat(admission.admits(address(newer))).isFalse();
      assertThat(admission.admits(address(newer))).isFalse(); // logged once, refused always
    } finally {
      newer.shutdownTestKit();
      patched.shutdownTestKit();
      coordinator.shutdownTestKit();
    }
  }

  @Test
  void versionsAreCompatibleWhenMajorAndMinorAgree() {
    assertThat(NodeAdmission.compatible("0.1.0-SNAPSHOT", "0.1.3")).isTrue();
    assertThat(NodeAdmission.compatible("1.2.0", "1.3.0")).isFalse();
    assertThat(NodeAdmission.compatible("2.0.0", "1.0.0")).isFalse();
  }

  private static Address address(ActorTestKit kit) {
    return Cluster.get(kit.system()).selfMember().address();
  }

  private static ActorTestKit kit(String version) {
    Config config = ConfigFactory.parseString("akka.cluster.app-version = \"" + version + "\"")
        .withFallback(ConfigFactory.parseResources("cluster-test.conf"))
        .withFallback(ConfigFactory.load());
    return ActorTestKit.create("monosweep", config);
  }
}
