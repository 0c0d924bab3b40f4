package org.monosweep.trainer.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.monosweep.spec.Method;
import org.monosweep.spec.MethodParams;
import org.monosweep.spec.ParamKey;
import org.monosweep.spec.ParamKeys;

/**
 * Every parameter a trainer reads from a cell is one its methods take, so a spec can set it and
 * {@code plan} checks it. Reads are found in the sources, so a new read is checked the day it is
 * written (a read of an undeclared key would also fail the cell at run time).
 */
class TrainerParamReadsTest {
  private static final Path SOURCES = Path.of("src/main/java/org/monosweep/trainer");
  private static final Pattern READ = Pattern.compile("\\.get\\(ParamKeys\\.([A-Z0-9_]+)\\)");

  /**
   * Code that reads parameters and the methods that run it: a file, from {@code start} (empty:
   * its beginning) to the next reader's start in the same file.
   */
  private record Reader(String file, String start, Set<Method> methods) {}

  private static final List<Reader> READERS = List.of(
      new Reader("train/ClassifierTrainer.java", "", EnumSet.of(Method.ROTNET, Method.SUPERVISED)),
      new Reader("train/OptimizerSettings.java", "",
          EnumSet.of(Method.ROTNET, Method.SUPERVISED, Method.DEEPCLUSTER)),
      new Reader("train/TrainingRun.java", "", EnumSet.allOf(Method.class)),
      new Reader("methods/cluster/DeepClusterTrainer.java", "", EnumSet.of(Method.DEEPCLUSTER)),
      new Reader("methods/gan/GanSettings.java", "static GanSettings monogan(",
          EnumSet.of(Method.MONOGAN)),
      new Reader("methods/gan/GanSettings.java", "static GanSettings bigan(",
          EnumSet.of(Method.BIGAN)));

  @Test
  void everyParameterATrainerReadsIsDeclaredForItsMethods() throws IOException {
    List<String> undeclared = new ArrayList<>();
    List<String> readers = new ArrayList<>();
    for (Path file : javaFiles()) {
      String name = SOURCES.relativize(file).toString().replace('\\', '/');
      String text = Files.readString(file);
      Matcher read = READ.matcher(text);
      while (read.find()) {
        readers.add(name);
        ParamKey<?> key = key(read.group(1));
        for (Method method : methodsAt(name, text, read.start())) {
          if (!MethodParams.declares(method, key.name())) {
            undeclared.add(name + " reads " + key.name() + " for " + method);
          }
        }
      }
    }
    assertThat(READERS.stream().map(Reader::file).distinct())
        .as("files that read parameters, each mapped to its methods here")
        .containsExactlyInAnyOrderElementsOf(readers.stream().distinct().toList());
    assertThat(undeclared).as("reads of parameters their methods do not declare").isEmpty();
  }

  /** The methods of the reader whose code holds {@code position} of {@code file}. */
  private static Set<Method> methodsAt(String file, String text, int position) {
    Reader at = null;
    int atStart = -1;
    for (Reader reader : READERS) {
      int start = text.indexOf(reader.start());
      if (reader.file().equals(file) && start >= 0 && start <= position && start > atStart) {
        at = reader;
        atStart = start;
      }
    }
    return at == null ? Set.of() : at.methods();
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted()
          .collect(Collectors.toList());
    }
  }

  private static ParamKey<?> key(String constant) {
    try {
      Field field = ParamKeys.class.getField(constant);
      return (ParamKey<?>) field.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("ParamKeys has no " + constant, e);
    }
  }
}
