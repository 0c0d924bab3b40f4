package org.monosweep.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code --config FILE}: one file over the defaults, the same option on every command. */
class ConfigOptionTest {
  @TempDir Path dir;

  @Test
  void everyCommandThatReadsSettingsTakesTheSameConfigOption() {
    CommandLine cli = Main.commandLine();
    for (String command : List.of("run", "status", "coordinator", "node")) {
      CommandLine.Model.OptionSpec option =
          cli.getSubcommands().get(command).getCommandSpec().findOption("--config");

      assertThat(option).as("%s --config", command).isNotNull();
      assertThat(option.paramLabel()).isEqualTo("FILE");
      assertThat(option.description()).containsExactly(
          "a HOCON file of settings (akka.*, monosweep.*) layered over the defaults");
    }
  }

  @Test
  void theFileWinsOverTheDefaultsAndKeepsTheOtherKeys() throws Exception {
    Path file = Files.writeString(dir.resolve("fast.conf"),
        "monosweep.client.join-timeout = 3s\n");

    Config settings = ConfigOption.layered(file);

    assertThat(settings.getDuration("monosweep.client.join-timeout"))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.getString("akka.actor.provider")).isEqualTo("cluster");
    assertThat(ConfigOption.layered(null).getDuration("monosweep.client.join-timeout"))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aFileThatIsNotHoconIsNamedWithItsLine() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.conf"), "akka {\n  loglevel = \n");

    assertThatThrownBy(() -> ConfigOption.layered(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--config " + file + ": not valid HOCON: ")
        .hasMessageContaining("broken.conf: 3");
  }
}
