package org.monosweep.gpunode.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.monosweep.protocol.CellResult;

/**
 * A cell process that plays the part its {@code SCRIPT} environment variable names, for
 * {@link ProcessCellRunnerTest}: a real child process on real pipes, without training.
 */
final class ScriptedCellProcess {
  private ScriptedCellProcess() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    CellChannel channel = new CellChannel();
    BufferedReader input = new BufferedReader(new InputStreamReader(System.in,
        StandardCharsets.UTF_8));
    CellJob job = channel.job(input.readLine());
    long pid = ProcessHandle.current().pid();
    emit(channel, new CellEvent.Started(pid));
    switch (System.getenv("SCRIPT")) {
      case "finish":
        emit(channel, new CellEvent.Epoch("train", 1, 1, 0.5, 100));
        System.out.println("a library's stray print");
        emit(channel, new CellEvent.Finished(new CellResult(List.of(), List.of(),
            List.of(), 1, 2, List.of(job.cell().id().value()))));
        return;
      case "crash":
        System.err.println("loading the engine");
        System.err.println("fatal: something native broke");
        System.exit(3);
        return;
      case "wait-for-stop":
        // tells the test its pid through the progress it listens to
        emit(channel, new CellEvent.Epoch("pid:" + pid, 1, 1, 0, 0));
        while (input.read() >= 0) {
          // the job is all the node sends
        }
        emit(channel, new CellEvent.Failed("interrupted", true));
        return;
      case "ignore-stop":
        emit(channel, new CellEvent.Epoch("pid:" + pid, 1, 1, 0, 0));
        Thread.currentThread().join(); // never returns: only a kill ends it
        return;
      case "echo-device":
        emit(channel, new CellEvent.Failed("device " + System.getenv("CUDA_VISIBLE_DEVICES"),
            false));
        return;
      default:
        throw new IllegalArgumentException("no script " + System.getenv("SCRIPT"));
    }
  }

  private static void emit(CellChannel channel, CellEvent event) {
    System.out.println(channel.encode(event));
    System.out.flush();
  }
}
