package org.monosweep.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.monosweep.gpunode.process.CellChannel;
import org.monosweep.gpunode.process.CellEvent;
import org.monosweep.gpunode.process.CellJob;
import org.monosweep.protocol.CellResult;
import org.monosweep.trainer.train.CellFailure;
import org.monosweep.trainer.train.CellRunContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * The cell process a node starts for every cell ({@code ProcessCellRunner}): reads its job from
 * standard input, trains, probes and exports the cell as the embedded node would, and reports
 * on standard output through {@link CellChannel}. Not a user command: its options are the
 * node's to set.
 *
 * <p>It stops between steps when its standard input ends (the node asked, or died), and halts
 * {@link #ORPHAN_GRACE_SECONDS} later if it is still running, so that no process outlives its
 * node for long. Exit status 0 means it reported {@code finished} or {@code failed}.
 */
@Command(name = "cell-process", description = "Run one cell for a node (internal).",
    mixinStandardHelpOptions = true)
final class CellProcessMain implements Callable<Integer> {
  static final int ORPHAN_GRACE_SECONDS = 10;
  private static final int HEARTBEAT_SECONDS = 2;
  private static final long CELL_THREAD_STACK_BYTES = 64L << 20;

  @Option(names = "--runs", required = true, description = "the node's runs folder")
  private Path runs;

  @Option(names = "--config", required = true,
      description = "the node's settings, rendered as one HOCON file")
  private Path config;

  private final PrintStream events;

  private CellProcessMain(PrintStream events) {
    this.events = events;
  }

  /** Starts the process; see the class comment. */
  public static void main(String[] args) {
    // standard output is the channel: everything else printed goes to the log
    PrintStream events = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
        StandardCharsets.UTF_8);
    System.setOut(System.err);
    System.exit(new CommandLine(new CellProcessMain(events)).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    CellChannel channel = new CellChannel();
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    String line = input.readLine();
    if (line == null) {
      return 0; // the node went away before sending a job
    }
    CellJob job = channel.job(line);
    emit(channel, new CellEvent.Started(ProcessHandle.current().pid()));
    AtomicBoolean stop = new AtomicBoolean();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "cell-process-timer");
      thread.setDaemon(true);
      return thread;
    });
    watchInput(input, stop, timer);
    timer.scheduleAtFixedRate(() -> emit(channel, new CellEvent.Alive()), HEARTBEAT_SECONDS,
        HEARTBEAT_SECONDS, TimeUnit.SECONDS);
    Config settings = ConfigFactory.parseFile(config.toFile()).withFallback(ConfigFactory.load())
        .resolve();
    AtomicReference<Throwable> crash = new AtomicReference<>();
    // Why a thread of its own: on the launcher's main thread the ONNX export of a small4 cell
    // overflowed the native stack (SIGSEGV, no JVM crash log); with this stack it does not.
    Thread cell = new Thread(null, () -> {
      try {
        runCell(channel, job, settings, stop);
      } catch (Throwable t) {
        crash.set(t);
      }
    }, "cell", CELL_THREAD_STACK_BYTES);
    cell.start();
    try {
      cell.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
    if (crash.get() != null) {
      crash.get().printStackTrace();
      return 1;
    }
    return 0;
  }

  private void runCell(CellChannel channel, CellJob job, Config settings, AtomicBoolean stop) {
    try (NodeRunner node = NodeRunner.inThisProcess(settings, new RunsLayout(runs))) {
      CellRunContext context = new CellRunContext(Path.of(job.workDir()),
          (phase, epoch, epochs, loss, rate) -> emit(channel,
              new CellEvent.Epoch(phase, epoch, epochs, loss, rate)), stop::get);
      CellResult result = node.cellRunner().run(job.cell(), context);
      emit(channel, new CellEvent.Finished(result));
    } catch (CellFailure failure) {
      emit(channel, new CellEvent.Failed(failure.getMessage(), failure.retryable()));
    }
  }

  /** End of input (the node asked to stop, or died) stops the cell, and halts it if it hangs. */
  private static void watchInput(BufferedReader input, AtomicBoolean stop,
      ScheduledExecutorService timer) {
    Thread watcher = new Thread(() -> {
      try {
        while (input.read() >= 0) {
          // nothing else is sent after the job
        }
      } catch (IOException e) {
        // a broken pipe is an end of input too
      }
      stop.set(true);
      timer.schedule(() -> Runtime.getRuntime().halt(3), ORPHAN_GRACE_SECONDS,
          TimeUnit.SECONDS);
    }, "cell-process-input");
    watcher.setDaemon(true);
    watcher.start();
  }

  private void emit(CellChannel channel, CellEvent event) {
    String line = channel.encode(event);
    synchronized (events) {
      events.println(line);
    }
  }
}
