package org.monosweep.coordinator.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Join;
import akka.japi.Pair;
import akka.stream.Materializer;
import akka.stream.SourceRef;
import akka.stream.javadsl.FileIO;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Source;
import akka.stream.javadsl.StreamRefs;
import akka.util.ByteString;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.protocol.ArtifactUpload.ArtifactOffer;
import org.monosweep.protocol.ArtifactUpload.ArtifactsStored;
import org.monosweep.protocol.ArtifactUpload;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.spec.CellId;

/**
 * The store runs in one actor system (the coordinator's), the offers come from a second one (a
 * node's) joined to it in a cluster over loopback TCP, so every offer really streams across
 * Artery.
 */
class ArtifactStoreTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final CellId CELL = new CellId("0123456789abcdef");
  private static final CellId OTHER_CELL = new CellId("fedcba9876543210");

  private static ActorTestKit coordinator;
  private static ActorTestKit node;

  @TempDir Path storeDir;
  @TempDir Path nodeDir;

  @BeforeAll
  static void start() {
    Config config = ConfigFactory.parseResources("artifact-test.conf")
        .withFallback(ConfigFactory.load());
    coordinator = ActorTestKit.create("monosweep", config);
    node = ActorTestKit.create("monosweep", config);
    // Cluster members watch each other, so a stream ref notices when its partner's node dies.
    Cluster first = Cluster.get(coordinator.system());
    first.manager().tell(Join.create(first.selfMember().address()));
    Cluster.get(node.system()).manager().tell(Join.create(first.selfMember().address()));
    coordinator.createTestProbe().awaitAssert(WAIT, () -> {
      assertThat(first.state().getMembers()).hasSize(2)
          .allMatch(member -> member.status() == MemberStatus.up());
      return null;
    });
  }

  @AfterAll
  static void stop() {
    node.shutdownTestKit();
    coordinator.shutdownTestKit();
  }

  @Test
  void storesABigAndASmallFileFromAnotherSystemWithEqualSha256() throws Exception {
    Path root = storeDir.resolve("store");
    ActorRef<ArtifactUpload> store = storeOnNode(settings(root, 4, Duration.ofSeconds(10)));
    Path big = randomFile("encoder.onnx", 5 * 1024 * 1024 + 17);
    Path small = textFile("model-card.json", "{\"cell\": \"0123456789abcdef\"}");
    TestProbe<ArtifactsStored> replies = node.createTestProbe();

    store.tell(upload(CELL, 1, replies, offer("onnx-encoder", big), offer("model-card", small)));

    ArtifactsStored reply = replies.expectMessageClass(ArtifactsStored.class, WAIT);
    assertThat(reply.failure()).isEmpty();
    assertThat(reply.ok()).isTrue();
    Path attemptDir = root.toAbsolutePath().resolve(CELL.value()).resolve("attempt-1");
    assertThat(reply.stored()).containsExactly(
        new ArtifactRef("onnx-encoder", attemptDir.resolve("encoder.onnx").toString(),
            Files.size(big), sha256(big)),
        new ArtifactRef("model-card", attemptDir.resolve("model-card.json").toString(),
            Files.size(small), sha256(small)));
    assertThat(Files.mismatch(big, attemptDir.resolve("encoder.onnx"))).isEqualTo(-1L);
    assertThat(Files.mismatch(small, attemptDir.resolve("model-card.json"))).isEqualTo(-1L);
    assertThat(filesUnder(storeDir)).containsExactlyInAnyOrder(
        attemptDir.resolve("encoder.onnx"), attemptDir.resolve("model-card.json"));
  }

  @Test
  void refusesAFileWhoseSha256IsWrongAndLeavesNothingBehind() throws Exception {
    Path root = storeDir.resolve("store");
    ActorRef<ArtifactUpload> store = storeOnNode(settings(root, 4, Duration.ofSeconds(10)));
    Path good = textFile("encoder.onnx", "a good encoder");
    Path bad = textFile("classifier-conv2.onnx", "a classifier whose digest is declared wrong");
    String wrongSha = "00".repeat(32);
    TestProbe<ArtifactsStored> replies = node.createTestProbe();

    store.tell(upload(CELL, 2, replies, offer("onnx-encoder", good),
        offer("onnx-classifier", bad.toString(), Files.size(bad), wrongSha, bad)));

    ArtifactsStored reply = replies.expectMessageClass(ArtifactsStored.class, WAIT);
    assertThat(reply.ok()).isFalse();
    assertThat(reply.stored()).isEmpty();
    assertThat(reply.failure())
        .contains(bad.toString())
        .contains("sha256 mismatch")
        .contains("expected " + wrongSha)
        .contains("got " + sha256(bad))
        .doesNotContain(good.toString());
    assertThat(filesUnder(storeDir)).isEmpty();
  }

  @Test
  void refusesAFileLongerThanDeclaredWithoutKeepingIt() throws Exception {
    Path root = storeDir.resolve("store");
    ActorRef<ArtifactUpload> store = storeOnNode(settings(root, 4, Duration.ofSeconds(10)));
    Path big = randomFile("checkpoint.params", 1024 * 1024);
    TestProbe<ArtifactsStored> replies = node.createTestProbe();

    store.tell(upload(CELL, 1, replies,
        offer("checkpoint", big.toString(), 1000, sha256(big), big)));

    ArtifactsStored reply = replies.expectMessageClass(ArtifactsStored.class, WAIT);
    assertThat(reply.failure()).contains(big.toString()).contains("size mismatch")
        .contains("expected 1000 bytes");
    assertThat(filesUnder(storeDir)).isEmpty();
  }

  @Test
  void aHostileFileNameCannotEscapeTheRoot() throws Exception {
    Path root = storeDir.resolve("a").resolve("store");
    ActorRef<ArtifactUpload> store = storeOnNode(settings(root, 4, Duration.ofSeconds(10)));
    Path file = textFile("payload", "written by a hostile node");
    TestProbe<ArtifactsStored> replies = node.createTestProbe();

    store.tell(upload(CELL, 1, replies,
        offer("x", "../../../../etc/x", Files.size(file), sha256(file), file),
        offer("x", "..\\..\\..\\..\\evil.onnx", Files.size(file), sha256(file), file),
        offer("x", "/etc/.bashrc", Files.size(file), sha256(file), file)));

    ArtifactsStored reply = replies.expectMessageClass(ArtifactsStored.class, WAIT);
    assertThat(reply.failure()).isEmpty();
    Path attemptDir = root.resolve(CELL.value()).resolve("attempt-1");
    assertThat(reply.stored()).extracting(ArtifactRef::path).containsExactly(
        attemptDir.resolve("x").toString(), attemptDir.resolve("evil.onnx").toString(),
        attemptDir.resolve("_bashrc").toString());
    assertThat(filesUnder(storeDir)).allSatisfy(stored -> assertThat(stored).startsWith(attemptDir))
        .hasSize(3);

    store.tell(upload(CELL, 2, replies, offer("x", "../..", Files.size(file), sha256(file), file)));
    assertThat(replies.expectMessageClass(ArtifactsStored.class, WAIT).failure())
        .contains("'../..' names no file");
    assertThat(filesUnder(storeDir)).hasSize(3);
  }

  @Test
  void aStalledStreamIsRefusedAfterTheStallTimeout() throws Exception {
    Path root = storeDir.resolve("store");
    ActorRef<ArtifactUpload> store = storeOnNode(settings(root, 4, Duration.ofMillis(500)));
    Pair<CompletableFuture<Optional<ByteString>>, SourceRef<ByteString>> never = pending();
    TestProbe<ArtifactsStored> replies = node.createTestProbe();

    store.tell(upload(CELL, 1, replies, new ArtifactOffer(
        new ArtifactRef("onnx-encoder", "runs/cells/x/stuck.onnx", 10, "00".repeat(32)),
        never.second())));

    ArtifactsStored reply = replies.expectMessageClass(ArtifactsStored.class, WAIT);
    assertThat(reply.failure()).startsWith("runs/cells/x/stuck.onnx: ").contains("Timeout");
    assertThat(reply.stored()).isEmpty();
    assertThat(filesUnder(storeDir)).isEmpty();
  }

  @Test
  void pullsNoMoreFilesAtOnceThanItsBound() throws Exception {
    Path root = storeDir.resolve("store");
    ActorRef<ArtifactUpload> store = storeOnNode(settings(root, 1, Duration.ofSeconds(30)));
    Pair<CompletableFuture<Optional<ByteString>>, SourceRef<ByteString>> slow = pending();
    byte[] late = "arrives when released".getBytes(StandardCharsets.UTF_8);
    Path quick = textFile("quick.onnx", "would be done at once if it had a slot");
    TestProbe<ArtifactsStored> replies = node.createTestProbe();

    store.tell(upload(CELL, 1, replies, new ArtifactOffer(
        new ArtifactRef("onnx-encoder", "slow.onnx", late.length, sha256(late)), slow.second())));
    store.tell(upload(OTHER_CELL, 1, replies, offer("onnx-encoder", quick)));

    // The one slot is held by the slow file, so the quick one must not be pulled meanwhile.
    replies.expectNoMessage(Duration.ofSeconds(1));
    slow.first().complete(Optional.of(ByteString.fromArray(late)));

    ArtifactsStored first = replies.expectMessageClass(ArtifactsStored.class, WAIT);
    ArtifactsStored second = replies.expectMessageClass(ArtifactsStored.class, WAIT);
    assertThat(List.of(first.cellId(), second.cellId())).containsExactly(CELL, OTHER_CELL);
    assertThat(first.ok()).isTrue();
    assertThat(second.ok()).isTrue();
  }

  // --- helpers

  private static ArtifactStoreSettings settings(Path root, int maxConcurrent, Duration stall) {
    ArtifactStoreSettings defaults =
        ArtifactStoreSettings.create(coordinator.system().settings().config());
    return new ArtifactStoreSettings(root, maxConcurrent, stall, defaults.maxFileBytes(),
        defaults.dispatcher());
  }

  /** Spawns a store in the coordinator's system and returns its ref as the node sees it. */
  private static ActorRef<ArtifactUpload> storeOnNode(ArtifactStoreSettings settings) {
    ActorRef<ArtifactUpload> local = coordinator.spawn(ArtifactStore.create(settings));
    ActorRef<ArtifactUpload> remote = ActorRefResolver.get(node.system()).resolveActorRef(
        ActorRefResolver.get(coordinator.system()).toSerializationFormat(local));
    assertThat(remote.path().address().hasGlobalScope()).isTrue();
    return remote;
  }

  private static ArtifactUpload upload(CellId cell, int attempt, TestProbe<ArtifactsStored> replies,
      ArtifactOffer... offers) {
    return new ArtifactUpload("s", cell, attempt, "node-b", List.of(offers), replies.getRef());
  }

  private static ArtifactOffer offer(String kind, Path file) throws IOException {
    return offer(kind, file.toString(), Files.size(file), sha256(file), file);
  }

  /** An offer declaring {@code path}, {@code size} and {@code sha}, streaming {@code file}. */
  private static ArtifactOffer offer(String kind, String path, long size, String sha, Path file) {
    SourceRef<ByteString> data = FileIO.fromPath(file, 64 * 1024)
        .runWith(StreamRefs.sourceRef(), Materializer.matFromSystem(node.system()));
    return new ArtifactOffer(new ArtifactRef(kind, path, size, sha), data);
  }

  /** A stream that sends nothing until its promise is completed. */
  private static Pair<CompletableFuture<Optional<ByteString>>, SourceRef<ByteString>> pending() {
    return Source.<ByteString>maybe().toMat(StreamRefs.sourceRef(), Keep.both())
        .run(Materializer.matFromSystem(node.system()));
  }

  private Path randomFile(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    return Files.write(nodeDir.resolve(name), bytes);
  }

  private Path textFile(String name, String text) throws IOException {
    return Files.writeString(nodeDir.resolve(name), text);
  }

  private static List<Path> filesUnder(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).toList();
    }
  }

  private static String sha256(Path file) throws IOException {
    return sha256(Files.readAllBytes(file));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
