package org.monosweep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.monosweep.onnx.export.ExportCandidate;
import org.monosweep.onnx.export.ExportedModel;
import org.monosweep.onnx.export.ModelExport;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.results.store.CellRow;
import org.monosweep.results.store.CellSettings;
import org.monosweep.results.store.CellStatus;
import org.monosweep.results.store.ResultStore;
import org.monosweep.results.store.ResultStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code monosweep export SWEEP --where "method=rotnet and n=1" --best conv2 --to DIR}: copies
 * the chosen cells' ONNX models with a model card.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Copy finished cells' ONNX models (with a model card) to a folder.")
final class ExportCommand implements Callable<Integer> {
  @Mixin RunsOption runs;

  @Parameters(paramLabel = "SWEEP", description = "the sweep's name")
  String sweep;

  @Option(names = "--where", defaultValue = "",
      description = "a filter such as \"method=rotnet and n=1\" (keys: method, n, augmentation, seed, source, dataset, encoder)")
  String where;

  @Option(names = "--best", paramLabel = "LAYER", description = "copy only the cell with the best probe on this layer, e.g. conv2")
  String best;

  @Option(names = "--to", required = true, paramLabel = "DIR", description = "where the models go")
  Path to;

  @Override
  public Integer call() throws Exception {
    try (ResultStore store = ResultStores.openFile(runs.layout().database())) {
      if (store.sweep(sweep).isEmpty()) {
        throw new IllegalArgumentException("no sweep named '" + sweep + "' in " + runs.layout().database()
            + ".mv.db; see monosweep status");
      }
      List<ExportedModel> copied = ModelExport.selectAndCopy(candidates(store), where, best, to);
      for (ExportedModel model : copied) {
        System.out.println("copied " + model.candidate().cellId() + " to " + model.directory());
      }
      if (copied.isEmpty()) {
        System.out.println("no finished cell with models matches");
        return ExitCodes.INCOMPLETE;
      }
    }
    return ExitCodes.OK;
  }

  private List<ExportCandidate> candidates(ResultStore store) {
    List<ExportCandidate> candidates = new ArrayList<>();
    for (CellRow row : store.cells(sweep)) {
      if (row.state().status() != CellStatus.DONE) {
        continue;
      }
      CellSettings s = row.settings();
      Map<String, Double> probes = new LinkedHashMap<>();
      store.probes(row.id()).forEach(p -> probes.put(p.layer(), p.top1()));
      List<ArtifactRef> artifacts = store.artifacts(row.id()).stream()
          .map(a -> new ArtifactRef(a.kind(), a.path(), a.sizeBytes(), a.sha256()))
          .toList();
      candidates.add(new ExportCandidate(sweep, row.id().value(), s.method().label(), s.n().label(),
          s.augmentation().label(), s.seed(), s.source(), s.dataset().kind().label(),
          s.encoder().label(), probes, artifacts));
    }
    return candidates;
  }
}
