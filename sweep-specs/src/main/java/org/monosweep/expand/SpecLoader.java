package org.monosweep.expand;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.monosweep.spec.Cell;
import org.monosweep.spec.SpecException;
import org.monosweep.spec.SpecProblem;
import org.monosweep.spec.SpecReader;
import org.monosweep.spec.Suggestions;
import org.monosweep.spec.SweepDefinition;
import org.monosweep.spec.SweepSpec;

/**
 * Reads sweep specs written in HOCON (grammar: {@code sweep-specs/specs/README.md}), validates
 * them ({@link SpecReader}) and expands their grid into cells ({@link GridExpander}).
 *
 * <p>Every problem of a spec is reported at once in a {@link SpecException}, each with file,
 * line, key path, what is wrong and what to write instead, before anything runs. Loading is
 * deterministic: the same text gives the same cells, in the same order, with the same ids.
 * Instances are immutable and thread-safe.
 */
public final class SpecLoader {
  private static final List<String> BUNDLED = List.of("quickstart", "table1-augmentation");
  private static final String BUNDLED_FOLDER = "specs/";

  private final Predicate<Path> sourceFileExists;

  private SpecLoader(Predicate<Path> sourceFileExists) {
    this.sourceFileExists = sourceFileExists;
  }

  /** A loader that checks single-image sources on this machine's file system. */
  public static SpecLoader create() {
    return new SpecLoader(Files::isRegularFile);
  }

  /** A loader that asks {@code sourceFileExists} whether a source image is there (for tests). */
  public static SpecLoader create(Predicate<Path> sourceFileExists) {
    return new SpecLoader(Objects.requireNonNull(sourceFileExists, "sourceFileExists"));
  }

  /** The names of the specs bundled in the jar, for {@link #loadBundled}. */
  public static List<String> bundledNames() {
    return BUNDLED;
  }

  /**
   * Reads, validates and expands the spec in {@code file}; substitutions ({@code ${...}}) and
   * HOCON {@code include "..."} statements are resolved.
   *
   * @throws SpecException listing every problem of the spec, or saying the file is missing
   */
  public SweepSpec load(Path file) {
    String origin = file.toString();
    if (!Files.isRegularFile(file)) {
      throw new SpecException(List.of(new SpecProblem(origin, 0, "", "spec file not found",
          "check the path; bundled specs are " + String.join(", ", BUNDLED)
              + " (sweep-specs/specs/NAME.conf)")));
    }
    return build(origin, () -> ConfigFactory.parseFile(file.toFile(), options(origin)));
  }

  /**
   * Reads, validates and expands spec text.
   *
   * @param hoconText the spec
   * @param origin where the text came from, used in messages (a file name, say)
   * @throws SpecException listing every problem of the spec
   */
  public SweepSpec parse(String hoconText, String origin) {
    Objects.requireNonNull(hoconText, "hoconText");
    Objects.requireNonNull(origin, "origin");
    return build(origin, () -> ConfigFactory.parseString(hoconText, options(origin)));
  }

  /**
   * Loads a spec bundled in the jar under {@code specs/}, such as {@code quickstart}.
   *
   * @param name the spec's name, with or without {@code .conf}
   * @throws SpecException when no bundled spec has that name (listing those that do)
   */
  public SweepSpec loadBundled(String name) {
    String bare = name.endsWith(".conf") ? name.substring(0, name.length() - ".conf".length()) : name;
    String resource = BUNDLED_FOLDER + bare + ".conf";
    String origin = "classpath:" + resource;
    ClassLoader loader = SpecLoader.class.getClassLoader();
    if (!BUNDLED.contains(bare) || loader.getResource(resource) == null) {
      throw new SpecException(List.of(new SpecProblem(origin, 0, "", "no bundled spec is named '" + bare + "'"
          + Suggestions.didYouMean(bare, BUNDLED), "bundled specs are " + String.join(", ", BUNDLED))));
    }
    return build(origin, () -> ConfigFactory.parseResources(loader, resource, options(origin)));
  }

  /**
   * What {@code monosweep plan|run SPEC} accepts: a path to a spec file when one exists there,
   * else the name of a bundled spec.
   *
   * @throws SpecException for a bad spec, or when {@code spec} is neither
   */
  public SweepSpec loadFileOrBundled(String spec) {
    Path file = Path.of(spec);
    if (Files.isRegularFile(file)) {
      return load(file);
    }
    String bare = file.getFileName() == null ? spec : file.getFileName().toString();
    if (bare.toLowerCase(Locale.ROOT).endsWith(".conf")) {
      bare = bare.substring(0, bare.length() - ".conf".length());
    }
    if (BUNDLED.contains(bare) && !spec.contains("/")) {
      return loadBundled(bare);
    }
    return load(file);
  }

  /**
   * The spec that {@link #loadFileOrBundled} would load, as one self-contained HOCON text with
   * includes and substitutions resolved: what a client submits to a cluster, where
   * {@link #parse} expands it to the same cells. Validate it with {@link #loadFileOrBundled}
   * first, for messages with the file's line numbers.
   *
   * @throws SpecException when the spec cannot be read or resolved
   */
  public String resolvedText(String spec) {
    Path file = Path.of(spec);
    String origin;
    Supplier<Config> parser;
    if (Files.isRegularFile(file)) {
      origin = file.toString();
      parser = () -> ConfigFactory.parseFile(file.toFile(), options(file.toString()));
    } else {
      loadBundled(spec); // throws, listing the bundled names, when there is no such spec
      String bare = spec.endsWith(".conf") ? spec.substring(0, spec.length() - 5) : spec;
      String resource = BUNDLED_FOLDER + bare + ".conf";
      origin = "classpath:" + resource;
      String from = origin;
      parser = () -> ConfigFactory.parseResources(SpecLoader.class.getClassLoader(), resource,
          options(from));
    }
    try {
      return parser.get().resolve().root().render(ConfigRenderOptions.concise().setFormatted(true));
    } catch (ConfigException e) {
      throw syntaxError(origin, e);
    }
  }

  private SweepSpec build(String origin, Supplier<Config> parser) {
    ConfigObject root;
    try {
      root = parser.get().resolve().root();
    } catch (ConfigException e) {
      throw syntaxError(origin, e);
    }
    SpecReader reader = new SpecReader(origin, sourceFileExists);
    SweepDefinition definition = reader.read(root);
    List<Cell> bareGrid = definition.exclude().isEmpty() ? List.of() : GridExpander.expand(definition.withoutRules());
    List<Cell> cells = GridExpander.expand(definition);
    reader.checkCells(definition, bareGrid, cells);
    return new SweepSpec(definition.name(), origin, cells);
  }

  private static ConfigParseOptions options(String origin) {
    return ConfigParseOptions.defaults().setOriginDescription(origin).setSyntax(ConfigSyntax.CONF)
        .setAllowMissing(false);
  }

  /** A HOCON syntax or substitution error, with a hint for the two mistakes specs invite. */
  private static SpecException syntaxError(String origin, ConfigException e) {
    int line = e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber());
    String message = e.getMessage();
    if (e.origin() != null && message.startsWith(e.origin().description() + ": ")) {
      message = message.substring(e.origin().description().length() + 2);
    }
    String fix;
    if (message.contains("include keyword")) {
      fix = "quote the key: \"include\" = [ ... ] (include is a HOCON keyword)";
    } else if (message.contains("'+'")) {
      fix = "quote augmentation subsets joined by '+', e.g. \"scale+rotation\"";
    } else if (e instanceof ConfigException.UnresolvedSubstitution) {
      fix = "define the substituted key (vars { ... } holds values for substitutions)";
    } else {
      fix = "fix the HOCON syntax there";
    }
    return new SpecException(List.of(new SpecProblem(origin, line, "", message, fix)));
  }
}
