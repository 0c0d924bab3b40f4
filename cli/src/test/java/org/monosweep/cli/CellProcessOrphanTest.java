package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.monosweep.expand.SpecLoader;
import org.monosweep.gpunode.process.CellChannel;
import org.monosweep.gpunode.process.CellEvent;
import org.monosweep.gpunode.process.CellJob;
import org.monosweep.spec.Cell;

/**
 * A cell process whose node is killed with signal 9 stops by itself: the process that holds
 * the write end of its input pipe (here a shell's {@code sleep}, as the node's JVM in a real
 * node) is killed, the child reads the end of its input and exits, long before its cell would
 * have finished.
 */
class CellProcessOrphanTest {
  private static final String SPEC = """
      name = orphan
      dataset { kind = fashion-mnist }
      grid { method = [rotnet], n = [full], augmentation = [none] }
      budget { epochs = 200, d = 2048, batch = 32 }
      probe { epochs = 2, lr-drops = [1], train-limit = 600, test-limit = 300 }
      """;

  @TempDir Path runs;

  @Test
  void aCellProcessWhoseNodeIsKilledWithSignalNineExitsWithinSeconds() throws Exception {
    Cell cell = SpecLoader.create().parse(SPEC, "orphan.conf").cells().get(0);
    CellChannel channel = new CellChannel();
    Path job = runs.resolve("job.json");
    Files.writeString(job, channel.encode(new CellJob(cell, runs.resolve("cell").toString()))
        + "\n");
    Path settings = runs.resolve("cell-process.conf");
    Files.writeString(settings, ConfigFactory.load().getConfig("monosweep").atPath("monosweep")
        .root().render(ConfigRenderOptions.concise()));
    Path holderPid = runs.resolve("holder.pid");
    String java = ProcessHandle.current().info().command().orElse("java");
    // the subshell writes the job, then becomes the sleep that holds the pipe open
    String pipeline = "(cat '" + job + "'; echo $BASHPID > '" + holderPid + "'; exec sleep 600)"
        + " | '" + java + "' -Xmx2g -Dlogback.configurationFile=logback-cell.xml"
        + " -cp '" + System.getProperty("java.class.path") + "' "
        + CellProcessMain.class.getName() + " --runs '" + runs + "' --config '" + settings
        + "' 2>> '" + runs.resolve("cell.log") + "'";
    Process shell = new ProcessBuilder("bash", "-c", pipeline).start();
    try (BufferedReader events = new BufferedReader(new InputStreamReader(
        shell.getInputStream(), StandardCharsets.UTF_8))) {
      CellEvent first = channel.event(events.readLine());
      assertThat(first).isInstanceOf(CellEvent.Started.class);
      ProcessHandle child = ProcessHandle.of(((CellEvent.Started) first).pid()).orElseThrow();
      ProcessHandle holder = ProcessHandle.of(Long.parseLong(
          Files.readString(holderPid).strip())).orElseThrow();

      assertThat(new ProcessBuilder("kill", "-9", Long.toString(holder.pid())).start()
          .waitFor()).isZero();

      // 200 epochs would take minutes; stopping between steps takes well under the limit
      child.onExit().get(CellProcessMain.ORPHAN_GRACE_SECONDS + 20, TimeUnit.SECONDS);
      assertThat(child.isAlive()).isFalse();
      // it stopped because its input ended, not for some other reason
      List<String> rest = events.lines().toList();
      assertThat(rest).noneMatch(line -> line.contains("\"finished\""))
          .anyMatch(line -> line.contains("\"failed\"") && line.contains("interrupted"));
    } finally {
      shell.destroyForcibly();
    }
  }
}
