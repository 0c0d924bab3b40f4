package org.monosweep.coordinator.cluster;

import akka.actor.NoSerializationVerificationNeeded;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.receptionist.Receptionist;
import akka.cluster.Member;
import akka.cluster.typed.Cluster;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.ClusterStatus;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.GetStatus;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.MemberInfo;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SubmitSweep;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepAccepted;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepRefused;
import org.monosweep.coordinator.cluster.SweepServiceProtocol.SweepState;
import org.monosweep.coordinator.sweep.CoordinatorSettings;
import org.monosweep.coordinator.sweep.SweepCoordinator;
import org.monosweep.coordinator.sweep.SweepEvent;
import org.monosweep.coordinator.writer.ResultsWriter;
import org.monosweep.expand.SpecLoader;
import org.monosweep.protocol.ArtifactUpload;
import org.monosweep.protocol.ServiceKeys;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.SubmittedSpec;
import org.monosweep.spec.SpecException;
import org.monosweep.spec.SweepSpec;

/**
 * The cluster's coordinator: it runs as a Cluster Singleton on the {@code coordinator} role, so
 * exactly one lives in the cluster, and it owns everything that must not run twice: the results
 * store, its {@link ResultsWriter}, the artifact store, and one {@link SweepCoordinator} at a
 * time (sweeps run one after another, in submission order).
 *
 * <p>Its state is rebuilt from the store wherever it starts: every submitted sweep that has not
 * finished is expanded again from its recorded spec text and resumed (finished cells are
 * skipped, attempt numbers continue after the recorded ones). A submission is answered only
 * after it is recorded, so an accepted sweep survives the coordinator's machine.
 *
 * <p>On hand-over (its member leaves) it receives {@link SweepServiceProtocol.Shutdown}: it flushes the writer and
 * stops, and the next oldest {@code coordinator} member starts it again.
 */
public final class SweepService extends AbstractBehavior<SweepService.Command> {

  /** Everything the service handles: the client protocol and its own messages. */
  public sealed interface Command {}

  private record Client(SweepServiceProtocol.Command command) implements Command,
      NoSerializationVerificationNeeded {}

  private record Event(SweepEvent event) implements Command, NoSerializationVerificationNeeded {}

  private record Slots(int count) implements Command, NoSerializationVerificationNeeded {}

  private record Recorded(SweepSpec spec, String specText, ActorRef<SweepServiceProtocol.SubmitReply>
      replyTo, Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  private record CoordinatorStopped(String sweep) implements Command,
      NoSerializationVerificationNeeded {}

  private record Flushed(Throwable failure) implements Command, NoSerializationVerificationNeeded {}

  /** A sweep this service knows: its spec and the latest counts it heard. */
  private static final class Tracked {
    final SweepSpec spec;
    String phase = "queued";
    int done;
    int failed;
    int inFlight;
    long etaSeconds = -1;

    Tracked(SweepSpec spec) {
      this.spec = spec;
    }

    SweepState state() {
      return new SweepState(spec.name(), phase, spec.cells().size(), done, failed, inFlight,
          etaSeconds);
    }
  }

  private final ResultStore store;
  private final ActorRef<ResultsWriter.Command> writer;
  private final ActorRef<ArtifactUpload> artifacts;
  private final CoordinatorSettings settings;
  private final SpecLoader specs;
  private final Clock clock;
  private final ActorRef<SweepEvent> events;
  private final Map<String, Tracked> sweeps = new LinkedHashMap<>();
  private final ArrayDeque<String> queue = new ArrayDeque<>();
  private String running;
  private int slots;
  private int started;

  private SweepService(ActorContext<Command> context, ResultStore store,
      Function<ActorContext<?>, ActorRef<ArtifactUpload>> artifactStore,
      CoordinatorSettings settings, SpecLoader specs, Clock clock) {
    super(context);
    this.store = store;
    this.settings = settings;
    this.specs = specs;
    this.clock = clock;
    this.writer = context.spawn(ResultsWriter.create(store), "results-writer");
    this.artifacts = artifactStore == null ? null : artifactStore.apply(context);
    this.events = context.messageAdapter(SweepEvent.class, Event::new);
    ActorRef<Receptionist.Listing> listings = context.messageAdapter(Receptionist.Listing.class,
        listing -> new Slots(listing.getServiceInstances(ServiceKeys.CELL_WORKERS).size()));
    context.getSystem().receptionist()
        .tell(Receptionist.subscribe(ServiceKeys.CELL_WORKERS, listings));
    resumeOpenSweeps();
    startNext();
  }

  /**
   * The service's behavior.
   *
   * @param openStore opens the results store; called each time the service starts (on this
   *     member first, after a failover on another), closed when it stops
   * @param artifactStore spawns the artifact store nodes upload to; null to leave files on nodes
   * @param specs expands submitted specs
   */
  public static Behavior<Command> create(Supplier<ResultStore> openStore,
      Function<ActorContext<?>, ActorRef<ArtifactUpload>> artifactStore, SpecLoader specs) {
    Objects.requireNonNull(openStore, "openStore");
    Objects.requireNonNull(specs, "specs");
    Behavior<Command> service = Behaviors.setup(context -> {
      ResultStore store = openStore.get();
      try {
        return new SweepService(context, store, artifactStore,
            CoordinatorSettings.create(context.getSystem()), specs, Clock.systemUTC());
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    });
    // A store that cannot open yet (the previous coordinator's process still holds the file)
    // is retried with back-off rather than giving up.
    return Behaviors.supervise(service).onFailure(
        SupervisorStrategy.restartWithBackoff(Duration.ofSeconds(1), Duration.ofSeconds(15), 0.2));
  }

  /** A client's message as the service takes it (what {@link #asSingleton} hands over). */
  static Command fromClient(SweepServiceProtocol.Command command) {
    return new Client(command);
  }

  /** Adapts the wire protocol for the singleton, which must be typed by one message type. */
  public static Behavior<SweepServiceProtocol.Command> asSingleton(Behavior<Command> service) {
    return Behaviors.<SweepServiceProtocol.Command>setup(context -> {
      ActorRef<Command> inner = context.spawn(service, "service");
      context.watch(inner);
      return Behaviors.receive(SweepServiceProtocol.Command.class)
          .onMessage(SweepServiceProtocol.Command.class, command -> {
            inner.tell(fromClient(command));
            return Behaviors.same();
          })
          .onSignal(akka.actor.typed.Terminated.class, signal -> Behaviors.stopped())
          .build();
    });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Client.class, client -> onClient(client.command()))
        .onMessage(Recorded.class, this::onRecorded)
        .onMessage(Event.class, event -> onEvent(event.event()))
        .onMessage(Slots.class, this::onSlots)
        .onMessage(CoordinatorStopped.class, this::onCoordinatorStopped)
        .onMessage(Flushed.class, flushed -> Behaviors.stopped())
        .onSignal(PostStop.class, signal -> onPostStop())
        .build();
  }

  private Behavior<Command> onClient(SweepServiceProtocol.Command command) {
    if (command instanceof SubmitSweep submit) {
      onSubmit(submit);
    } else if (command instanceof GetStatus get) {
      get.replyTo().tell(status(get.sweep()));
    } else if (command instanceof SweepServiceProtocol.Shutdown) {
      return onShutdown();
    }
    return this;
  }

  private void onSubmit(SubmitSweep submit) {
    SweepSpec spec;
    try {
      spec = specs.parse(submit.specText(), submit.origin());
    } catch (SpecException e) {
      getContext().getLog().warn("refusing sweep from {}: {}", submit.origin(), e.getMessage());
      submit.replyTo().tell(new SweepRefused(e.getMessage()));
      return;
    }
    Tracked known = sweeps.get(spec.name());
    if (known != null && !known.state().over()) {
      if (known.spec.cells().equals(spec.cells())) {
        submit.replyTo().tell(new SweepAccepted(spec.name(), spec.cells().size(), ahead(spec.name())));
      } else {
        submit.replyTo().tell(new SweepRefused("a different sweep named '" + spec.name()
            + "' is " + known.phase + "; give this one another name (key: name)"));
      }
      return;
    }
    getContext().ask(ResultsWriter.Flushed.class, writer, settings.registerTimeout(),
        replyTo -> new ResultsWriter.SubmitSpec(spec.name(), submit.origin(), submit.specText(),
            replyTo),
        (flushed, failure) -> new Recorded(spec, submit.specText(), submit.replyTo(), failure));
  }

  private Behavior<Command> onRecorded(Recorded recorded) {
    SweepSpec spec = recorded.spec();
    if (recorded.failure() != null) {
      recorded.replyTo().tell(new SweepRefused("the coordinator could not record sweep '"
          + spec.name() + "' in its results store (" + recorded.failure().getMessage()
          + "); try again, and see the coordinator's log"));
      return this;
    }
    Tracked known = sweeps.get(spec.name());
    if (known == null || known.state().over()) {
      sweeps.remove(spec.name()); // re-submitted: it goes to the back of the queue
      sweeps.put(spec.name(), new Tracked(spec));
      queue.addLast(spec.name());
    }
    getContext().getLog().info("sweep '{}' submitted from {}: {} cells", spec.name(),
        spec.origin(), spec.cells().size());
    recorded.replyTo().tell(new SweepAccepted(spec.name(), spec.cells().size(), ahead(spec.name())));
    startNext();
    return this;
  }

  private Behavior<Command> onEvent(SweepEvent event) {
    Tracked tracked = sweeps.get(event.sweep());
    if (tracked == null) {
      return this;
    }
    if (event instanceof SweepEvent.SweepStarted s) {
      tracked.phase = "running";
      tracked.done = s.alreadyDone();
    } else if (event instanceof SweepEvent.SweepProgressed p) {
      tracked.done = p.done();
      tracked.failed = p.failed();
      tracked.inFlight = p.running();
      tracked.etaSeconds = p.eta().map(Duration::toSeconds).orElse(-1L);
    } else if (event instanceof SweepEvent.SweepFinished f) {
      tracked.phase = "finished";
      tracked.done = f.done();
      tracked.failed = f.failed();
      tracked.inFlight = 0;
      tracked.etaSeconds = 0;
      writer.tell(new ResultsWriter.CloseSpec(f.sweep()));
    } else if (event instanceof SweepEvent.SweepInterrupted i) {
      tracked.phase = "interrupted";
      tracked.inFlight = 0;
    } else if (event instanceof SweepEvent.CellFinished finished) {
      getContext().getLog().info("sweep '{}': cell {} ({}) {} on {}", finished.sweep(),
          finished.cellId(), finished.label(), finished.status(), finished.node());
    }
    return this;
  }

  private Behavior<Command> onSlots(Slots listing) {
    slots = listing.count();
    return this;
  }

  private Behavior<Command> onCoordinatorStopped(CoordinatorStopped stopped) {
    Tracked tracked = sweeps.get(stopped.sweep());
    if (tracked != null && !tracked.phase.equals("finished")) {
      // It stopped without finishing (it failed): leave the sweep open for the next start.
      getContext().getLog().warn("the coordinator of sweep '{}' stopped before the sweep"
          + " finished; it resumes when the service starts again", stopped.sweep());
      tracked.phase = "interrupted";
    }
    running = null;
    startNext();
    return this;
  }

  private Behavior<Command> onShutdown() {
    getContext().getLog().info("sweep service handing over: flushing results");
    getContext().ask(ResultsWriter.Flushed.class, writer, settings.flushTimeout(),
        ResultsWriter.Flush::new, (flushed, failure) -> new Flushed(failure));
    return this;
  }

  private Behavior<Command> onPostStop() {
    store.close();
    return this;
  }

  private void resumeOpenSweeps() {
    for (SubmittedSpec open : store.openSubmissions()) {
      try {
        SweepSpec spec = specs.parse(open.specText(), open.origin());
        sweeps.put(spec.name(), new Tracked(spec));
        queue.addLast(spec.name());
        getContext().getLog().info("resuming sweep '{}' ({} cells) from the results store",
            spec.name(), spec.cells().size());
      } catch (SpecException e) {
        // A spec this version cannot expand again would block the queue for ever: close it.
        getContext().getLog().error("cannot resume sweep '{}': its recorded spec no longer"
            + " expands ({}); closing it, submit it again", open.sweep(), e.getMessage());
        writer.tell(new ResultsWriter.CloseSpec(open.sweep()));
      }
    }
  }

  private void startNext() {
    if (running != null || queue.isEmpty()) {
      return;
    }
    String name = queue.removeFirst();
    Tracked tracked = sweeps.get(name);
    started++;
    ActorRef<SweepCoordinator.Command> coordinator = getContext().spawn(
        SweepCoordinator.create(tracked.spec, writer, artifacts, settings, events, clock),
        "sweep-" + started);
    getContext().watchWith(coordinator, new CoordinatorStopped(name));
    tracked.phase = "running";
    running = name;
  }

  private int ahead(String sweep) {
    if (sweep.equals(running)) {
      return 0;
    }
    int ahead = running == null ? 0 : 1;
    for (String queued : queue) {
      if (queued.equals(sweep)) {
        return ahead;
      }
      ahead++;
    }
    return ahead;
  }

  private ClusterStatus status(String only) {
    Cluster cluster = Cluster.get(getContext().getSystem());
    List<MemberInfo> members = new ArrayList<>();
    for (Member m : cluster.state().getMembers()) {
      boolean reachable = StreamSupport.stream(cluster.state().getUnreachable().spliterator(), false)
          .noneMatch(u -> u.equals(m));
      members.add(new MemberInfo(m.address().toString(), List.copyOf(m.getRoles()).stream()
          .filter(r -> !r.startsWith("dc-")).sorted().toList(), m.status().toString(),
          m.appVersion().version(), reachable));
    }
    Tracked current = running == null ? null : sweeps.get(running);
    int busy = current == null ? 0 : current.inFlight;
    String self = cluster.selfMember().address().toString();
    if (!only.isEmpty() && !sweeps.containsKey(only)) {
      return new ClusterStatus(self, members, busy, slots, List.of(), "unknown sweep '" + only
          + "'; this coordinator knows " + (sweeps.isEmpty() ? "none" : String.join(", ",
              sweeps.keySet())));
    }
    List<SweepState> states = sweeps.values().stream()
        .filter(t -> only.isEmpty() || t.spec.name().equals(only))
        .map(Tracked::state).toList();
    return new ClusterStatus(self, members, busy, slots, states, "");
  }
}
