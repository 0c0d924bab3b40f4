package org.monosweep.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.monosweep.augment.preview.PreviewGrid;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.SourceImage;
import org.monosweep.results.report.SweepReport;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.CellSettings;
import org.monosweep.spec.AugmentationSubset;

/**
 * Writes the preview grids a sweep's report links: one PNG of the first {@value #PATCHES}
 * training patches per single-image source and augmentation subset that the sweep's cells train
 * on, into {@code runs/<sweep>/previews/}. Each grid is what the sweep's first cell of that
 * source and subset (lowest seed) trains on: S = {@value #SIDE}, grayscale when its dataset is,
 * before the method's own augmentation. Files are named {@code <source stem>-<subset>[-gray].png}
 * (with a hash of the path when two sources share a stem), so writing again gives the same files.
 */
final class SweepPreviews {
  /** Patches per grid: enough to show the spread, small enough to glance at. */
  static final int PATCHES = 16;
  /** The side the cells train at ({@code CellData} renders patches at 32). */
  static final int SIDE = 32;

  private SweepPreviews() {}

  /** One grid: a source, a subset and the dataset's colour. */
  private record Grid(String source, AugmentationSubset subset, boolean grayscale) {
    Decoded decoded() {
      return new Decoded(source, grayscale);
    }
  }

  /** A source decoded once for all its subsets. */
  private record Decoded(String source, boolean grayscale) {}

  /**
   * Writes the grids of {@code cells} into {@code folder} (created when needed). A source that
   * cannot be read is reported on {@code warnings} and left out, so a moved photo never costs the
   * report.
   *
   * @param cells the sweep's cells; only those that train on one named source image count
   * @param folder the previews folder, inside the report's folder
   * @return the grids written, linked relative to the report's folder
   */
  static List<SweepReport.Preview> write(List<CellRow> cells, Path folder,
      PrintStream warnings) {
    // TreeMap on a string form: the same sweep always writes its grids in the same order.
    Map<String, Grid> grids = new TreeMap<>();
    Map<Grid, Long> seeds = new HashMap<>();
    for (CellRow row : cells) {
      CellSettings cell = row.settings();
      if (!cell.method().trainsOnSources() || cell.n().isFull() || cell.n().count() != 1
          || cell.source().isEmpty()) {
        continue;
      }
      Grid grid = new Grid(cell.source(), cell.augmentation(), cell.dataset().kind().grayscale());
      grids.putIfAbsent(grid.source() + "\n" + grid.subset().label() + "\n" + grid.grayscale(), grid);
      seeds.merge(grid, cell.seed(), Math::min);
    }
    if (grids.isEmpty()) {
      return List.of();
    }
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      warnings.println("previews: cannot create " + folder + ": " + e.getMessage());
      return List.of();
    }
    Map<String, Integer> stems = stemCounts(grids.values());
    Map<Decoded, SourceImage> decoded = new HashMap<>();
    List<SweepReport.Preview> written = new ArrayList<>();
    for (Grid grid : grids.values()) {
      String name = fileName(grid, stems.get(stem(grid.source())) > 1);
      try {
        SourceImage source = decoded.computeIfAbsent(grid.decoded(),
            d -> SourceImage.read(Path.of(d.source()), d.grayscale()));
        AugmentationSettings settings =
            AugmentationSettings.paperDefaults(SIDE, grid.subset().members());
        PreviewGrid.create(settings, seeds.get(grid)).write(source, PATCHES, folder.resolve(name));
        written.add(new SweepReport.Preview(grid.source(), grid.subset(),
            folder.getFileName() + "/" + name));
      } catch (IllegalArgumentException | UncheckedIOException e) {
        warnings.println("previews: skipped " + grid.source() + " (" + grid.subset().label()
            + "): " + e.getMessage());
      }
    }
    return List.copyOf(written);
  }

  /** How many distinct sources share each stem. */
  private static Map<String, Integer> stemCounts(Iterable<Grid> grids) {
    Map<String, Set<String>> sources = new HashMap<>();
    for (Grid grid : grids) {
      sources.computeIfAbsent(stem(grid.source()), s -> new HashSet<>()).add(grid.source());
    }
    Map<String, Integer> counts = new HashMap<>();
    sources.forEach((stem, paths) -> counts.put(stem, paths.size()));
    return counts;
  }

  private static String fileName(Grid grid, boolean ambiguousStem) {
    StringBuilder name = new StringBuilder(stem(grid.source()));
    if (ambiguousStem) {
      name.append('-').append(shortHash(grid.source()));
    }
    name.append('-').append(grid.subset().label());
    if (grid.grayscale()) {
      name.append("-gray");
    }
    return name.append(".png").toString();
  }

  /** The file name without its extension, reduced to characters safe in a file name and URL. */
  private static String stem(String source) {
    String file = Path.of(source).getFileName().toString().replaceAll("\\.[^.]*$", "");
    String safe = file.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() ? "source" : safe;
  }

  private static String shortHash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
