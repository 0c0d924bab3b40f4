package org.monosweep.coordinator.artifacts;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.SharedKillSwitch;
import akka.stream.javadsl.Sink;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.monosweep.protocol.ArtifactUpload.ArtifactOffer;
import org.monosweep.protocol.ArtifactUpload.ArtifactsStored;
import org.monosweep.protocol.ArtifactUpload;
import org.monosweep.protocol.CellResult.ArtifactRef;

/**
 * The coordinator's store of the files nodes upload ({@link ArtifactUpload}). It pulls every
 * offered stream into {@code <root>/<cellId>/attempt-<k>/<file name>}, through a temporary file
 * in that folder and an atomic move, counting size and sha256 as the bytes pass, and answers
 * {@link ArtifactsStored} with the files as it keeps them: absolute paths on this machine, the
 * offered kind, size and sha256.
 *
 * <p>An upload is all or nothing. A file whose size or sha256 differs from what the node
 * declared, whose stream fails or stalls for the stall timeout, or whose name is unusable is
 * refused; then the upload's other files are cancelled or deleted and the reply carries no files
 * and a failure text naming each refused file. Only the last element of an offered path is used,
 * sanitised ({@code ../../etc/x} is stored as {@code x}), so a hostile node cannot write outside
 * the root. At most {@code max-concurrent-files} files are pulled at once over all uploads; the
 * others wait in arrival order (the node keeps its offers open for its whole upload timeout).
 *
 * <p>Streams run on the system materializer; file system calls run on the configured blocking
 * dispatcher. When the store stops, its streams are aborted and their temporary files deleted.
 */
public final class ArtifactStore extends AbstractBehavior<ArtifactStore.Command> {

  /** The store's internal messages; from outside it takes {@link ArtifactUpload} only. */
  sealed interface Command extends NoSerializationVerificationNeeded {}

  private record WrappedUpload(ArtifactUpload upload) implements Command {}

  private record TransferFinished(long uploadNo, int index, ArtifactRef stored, Throwable failure)
      implements Command {}

  private record CleanedUp(ArtifactUpload upload, String failure) implements Command {}

  /** One file waiting for, or holding, a transfer slot. */
  private record Transfer(long uploadNo, int index, ArtifactOffer offer, String fileName) {}

  /** The bookkeeping of one upload until it is answered. */
  private static final class Upload {
    final ArtifactUpload message;
    final Path dir;
    final ArtifactRef[] stored;
    final List<String> failures = new ArrayList<>();
    int pending;

    Upload(ArtifactUpload message, Path dir) {
      this.message = message;
      this.dir = dir;
      this.stored = new ArtifactRef[message.offers().size()];
      this.pending = message.offers().size();
    }
  }

  private final ArtifactStoreSettings settings;
  private final Materializer materializer;
  private final Executor io;
  private final SharedKillSwitch killSwitch;
  private final Map<Long, Upload> uploads = new HashMap<>();
  private final Deque<Transfer> waiting = new ArrayDeque<>();
  private int inFlight;
  private long nextUploadNo;

  private ArtifactStore(ActorContext<Command> context, ArtifactStoreSettings settings) {
    super(context);
    this.settings = settings;
    this.materializer = Materializer.matFromSystem(context.getSystem());
    this.io = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(settings.dispatcher()));
    this.killSwitch = KillSwitches.shared("artifact-store-" + context.getSelf().path().name());
  }

  /**
   * A store keeping files under {@code settings.root()}.
   *
   * @param settings where files go and how they are pulled
   */
  public static Behavior<ArtifactUpload> create(ArtifactStoreSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Behavior<Command> store = Behaviors.setup(context -> new ArtifactStore(context, settings));
    return Behaviors.transformMessages(ArtifactUpload.class, store,
        pf -> pf.match(ArtifactUpload.class, WrappedUpload::new));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedUpload.class, wrapped -> onUpload(wrapped.upload()))
        .onMessage(TransferFinished.class, this::onTransferFinished)
        .onMessage(CleanedUp.class, this::onCleanedUp)
        .onSignal(PostStop.class, signal -> onStop())
        .build();
  }

  private Behavior<Command> onUpload(ArtifactUpload upload) {
    List<String> names = new ArrayList<>(upload.offers().size());
    List<String> refusals = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (upload.attempt() < 1) {
      refusals.add("attempt " + upload.attempt() + " is not an attempt (they count from 1)");
    }
    for (ArtifactOffer offer : upload.offers()) {
      refusals.addAll(checkOffer(offer, names, seen));
    }
    if (!refusals.isEmpty()) {
      upload.offers().forEach(this::cancel);
      refuse(upload, String.join("; ", refusals));
      return this;
    }
    if (upload.offers().isEmpty()) {
      upload.replyTo().tell(new ArtifactsStored(upload.cellId(), upload.attempt(), List.of(), ""));
      return this;
    }
    long uploadNo = nextUploadNo++;
    Path dir = settings.root().resolve(upload.cellId().value()).resolve("attempt-" + upload.attempt());
    uploads.put(uploadNo, new Upload(upload, dir));
    for (int i = 0; i < upload.offers().size(); i++) {
      waiting.add(new Transfer(uploadNo, i, upload.offers().get(i), names.get(i)));
    }
    startTransfers();
    return this;
  }

  /** Adds the offer's stored name to {@code names}; returns why it is refused, if it is. */
  private List<String> checkOffer(ArtifactOffer offer, List<String> names, Set<String> seen) {
    ArtifactRef declared = offer.artifact();
    String what = StoredNames.printable(declared.path());
    List<String> refusals = new ArrayList<>();
    String name;
    try {
      name = StoredNames.of(declared.path());
    } catch (IllegalArgumentException e) {
      refusals.add(e.getMessage());
      name = "";
    }
    names.add(name);
    if (!name.isEmpty() && !seen.add(name)) {
      refusals.add(what + ": another offered file is also stored as " + name);
    }
    if (declared.sizeBytes() < 0 || declared.sizeBytes() > settings.maxFileBytes()) {
      refusals.add(what + ": declared size " + declared.sizeBytes() + " bytes is outside 0.."
          + settings.maxFileBytes());
    }
    return refusals;
  }

  private void startTransfers() {
    while (inFlight < settings.maxConcurrentFiles() && !waiting.isEmpty()) {
      Transfer transfer = waiting.poll();
      Upload upload = uploads.get(transfer.uploadNo());
      inFlight++;
      getContext().pipeToSelf(
          FileTransfer.receive(transfer.offer(), upload.dir, transfer.fileName(), settings,
              killSwitch, materializer, io),
          (stored, failure) -> new TransferFinished(transfer.uploadNo(), transfer.index(), stored,
              failure));
    }
  }

  private Behavior<Command> onTransferFinished(TransferFinished finished) {
    inFlight--;
    Upload upload = uploads.get(finished.uploadNo());
    if (finished.failure() == null) {
      upload.stored[finished.index()] = finished.stored();
    } else {
      upload.failures.add(reason(finished.failure()));
      dropWaitingOffers(finished.uploadNo(), upload);
    }
    upload.pending--;
    if (upload.pending == 0) {
      uploads.remove(finished.uploadNo());
      complete(upload);
    }
    startTransfers();
    return this;
  }

  /** A refused file dooms its upload: its files still waiting are cancelled, not pulled. */
  private void dropWaitingOffers(long uploadNo, Upload upload) {
    for (Iterator<Transfer> it = waiting.iterator(); it.hasNext(); ) {
      Transfer transfer = it.next();
      if (transfer.uploadNo() == uploadNo) {
        it.remove();
        cancel(transfer.offer());
        upload.pending--;
      }
    }
  }

  private void complete(Upload upload) {
    ArtifactUpload message = upload.message;
    if (upload.failures.isEmpty()) {
      List<ArtifactRef> stored = List.of(upload.stored);
      getContext().getLog().info("stored {} file(s) of cell {} attempt {} from node {} ({} bytes)",
          stored.size(), message.cellId(), message.attempt(), message.node(),
          stored.stream().mapToLong(ArtifactRef::sizeBytes).sum());
      message.replyTo().tell(new ArtifactsStored(message.cellId(), message.attempt(), stored, ""));
      return;
    }
    // The reply promises no files, so the ones that did arrive go too.
    List<Path> arrived = Arrays.stream(upload.stored).filter(Objects::nonNull)
        .map(ref -> Path.of(ref.path())).toList();
    String failure = String.join("; ", upload.failures);
    getContext().pipeToSelf(
        CompletableFuture.runAsync(() -> arrived.forEach(FileTransfer::deleteQuietly), io),
        (ok, error) -> new CleanedUp(message, failure));
  }

  private Behavior<Command> onCleanedUp(CleanedUp cleanedUp) {
    refuse(cleanedUp.upload(), cleanedUp.failure());
    return this;
  }

  private void refuse(ArtifactUpload upload, String failure) {
    getContext().getLog().warn("refused the files of cell {} attempt {} from node {}: {}",
        upload.cellId(), upload.attempt(), upload.node(), failure);
    upload.replyTo().tell(new ArtifactsStored(upload.cellId(), upload.attempt(), List.of(), failure));
  }

  /** Tells the node's side of an offer that it will not be pulled, so it stops waiting. */
  private void cancel(ArtifactOffer offer) {
    offer.data().getSource().runWith(Sink.cancelled(), materializer);
  }

  private Behavior<Command> onStop() {
    killSwitch.abort(new IllegalStateException("the artifact store stopped"));
    return this;
  }

  private static String reason(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
    return cause instanceof FileTransfer.Refused ? cause.getMessage() : String.valueOf(cause);
  }
}
