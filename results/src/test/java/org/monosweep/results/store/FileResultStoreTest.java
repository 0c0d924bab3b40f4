package org.monosweep.results.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.monosweep.results.SampleCells.result;
import static org.monosweep.results.SampleCells.rotnet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.spec.Cell;

/** The H2 file database: what survives closing, and what survives {@code kill -9}. */
class FileResultStoreTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2025-03-01T10:05:00Z");

  @TempDir
  Path runs;

  @Test
  void aReopenedFileDatabaseKeepsItsData() {
    Path db = runs.resolve("nested/monosweep");
    Cell a = rotnet(0);
    try (ResultStore store = ResultStores.openFile(db)) {
      store.registerSweep("s", "s.conf", List.of(a, rotnet(1)), T0);
      store.markStarted(a.id(), 1, "node-1", T0);
      store.recordCompleted(a.id(), 1, "node-1", result(0.61, 0.55), T1);
    }

    assertThat(runs.resolve("nested/monosweep.mv.db")).exists();
    try (ResultStore store = ResultStores.openFile(db)) {
      assertThat(store.schemaVersion()).isEqualTo(2);
      assertThat(store.finishedCells("s")).containsExactly(a.id());
      assertThat(store.probes(a.id())).extracting(ProbeRow::top1).containsExactly(0.61, 0.55);
      assertThat(store.sweep("s").orElseThrow().counts()).isEqualTo(new StatusCounts(1, 0, 1, 0, 0));
    }
  }

  @Test
  void committedWritesSurviveKillMinusNine() throws Exception {
    Path db = runs.resolve("monosweep");
    Process child = startChild(db);
    assertThat(readLine(child)).isEqualTo("committed");
    // While the child holds the file, H2's lock keeps a second process out, with a clear message.
    assertThatThrownBy(() -> ResultStores.openFile(db))
        .isInstanceOf(ResultStoreException.class)
        .hasMessageContaining("is in use by another process");

    // SIGKILL on Linux: no shutdown hook, no close, whatever H2 still buffers is gone.
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();

    try (ResultStore store = ResultStores.openFile(db)) {
      Cell done = rotnet(0);
      Cell running = rotnet(1);
      assertThat(store.finishedCells("s")).containsExactly(done.id());
      assertThat(store.probes(done.id())).hasSize(2);
      assertThat(store.cell(running.id()).orElseThrow().state().status()).isEqualTo(CellStatus.RUNNING);

      // What the next run does on start-up: the cell the dead process ran is interrupted.
      assertThat(store.interruptRunning("s", T1)).isTrue();
      assertThat(store.cell(running.id()).orElseThrow().state().status())
          .isEqualTo(CellStatus.INTERRUPTED);
    }
  }

  private static Process startChild(Path db) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // C1 only and the serial collector: the child lives a second, so start-up is all that counts.
    return new ProcessBuilder(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), WriteThenWait.class.getName(), db.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static String readLine(Process child) throws IOException {
    BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    return out.readLine();
  }

  /**
   * The child process: registers a sweep, completes one cell, starts another, says
   * {@code committed}, then waits for its stdin to close with the database still open.
   */
  public static final class WriteThenWait {
    public static void main(String[] args) throws IOException {
      ResultStore store = ResultStores.openFile(Path.of(args[0]));
      Cell done = rotnet(0);
      Cell running = rotnet(1);
      store.registerSweep("s", "s.conf", List.of(done, running), T0);
      store.markStarted(done.id(), 1, "child", T0);
      store.recordCompleted(done.id(), 1, "child", result(0.61, 0.55), T1);
      store.markStarted(running.id(), 1, "child", T1);
      System.out.println("committed");
      System.out.flush();
      // Blocks until the parent kills this process (or closes our stdin).
      while (System.in.read() >= 0) {
        // discard
      }
      store.close();
    }
  }
}
