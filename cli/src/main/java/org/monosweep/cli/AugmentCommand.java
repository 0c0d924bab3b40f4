package org.monosweep.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.monosweep.augment.preview.PreviewGrid;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.PatchParameters;
import org.monosweep.augment.transform.SourceImage;
import org.monosweep.spec.AugmentationSubset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code monosweep augment preview}: a PNG grid of example patches (the paper's Figures 7-10).
 * Without a subcommand picocli reports the missing one with the usage (exit code 2).
 */
@Command(name = "augment", mixinStandardHelpOptions = true, description = "Augmentation tools.",
    subcommands = AugmentCommand.Preview.class)
final class AugmentCommand {

  @Command(name = "preview", mixinStandardHelpOptions = true,
      description = "Write a PNG grid of example patches and print their parameters.")
  static final class Preview implements Callable<Integer> {
    @Mixin RunsOption runs;

    @Option(names = "--source", required = true, paramLabel = "FILE",
        description = "a PNG or JPEG source image")
    Path source;

    @Option(names = "--subset", defaultValue = "all",
        description = "none, all, or augmentations joined by ',' or '+'"
            + " (default: ${DEFAULT-VALUE})")
    String subset;

    @Option(names = "--n", defaultValue = "64",
        description = "patches in the grid (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--size", defaultValue = "32",
        description = "patch side S (default: ${DEFAULT-VALUE})")
    int size;

    @Option(names = "--seed", defaultValue = "0",
        description = "the seed patch i is drawn with (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--grayscale",
        description = "convert the source to grayscale (as for Fashion-MNIST)")
    boolean grayscale;

    @Option(names = "--out", paramLabel = "FILE",
        description = "the PNG to write; its folder is created (default:"
            + " <runs>/previews/<source>-<subset>.png)")
    Path out;

    @Override
    public Integer call() throws IOException {
      AugmentationSubset parsed = AugmentationSubset.parse(subset);
      AugmentationSettings settings = AugmentationSettings.paperDefaults(size, parsed.members());
      Path target = (out != null ? out : runs.layout().root().resolve("previews").resolve(
          source.getFileName().toString().replaceAll("\\.[^.]*$", "") + "-" + parsed.label()
              + ".png")).toAbsolutePath();
      SourceImage image = SourceImage.read(source, grayscale);
      Files.createDirectories(target.getParent());
      List<PatchParameters> parameters =
          PreviewGrid.create(settings, seed).write(image, count, target);
      for (int i = 0; i < parameters.size(); i++) {
        System.out.printf("%3d  %s%n", i, parameters.get(i));
      }
      System.out.println("wrote " + target);
      return ExitCodes.OK;
    }
  }
}
