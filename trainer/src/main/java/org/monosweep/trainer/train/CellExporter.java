package org.monosweep.trainer.train;

import java.io.IOException;
import java.util.List;
import org.monosweep.protocol.CellResult.ArtifactRef;
import org.monosweep.spec.Cell;
import org.monosweep.trainer.model.FoldedEncoder;
import org.monosweep.trainer.probe.LayerProbe;

/**
 * Writes a finished cell's models (the ONNX export of issue 6 plugs in here). Called by
 * {@link TrainingRun} after the probes, with exactly the folded encoder and heads they measured.
 */
@FunctionalInterface
public interface CellExporter {
  /**
   * Writes the cell's artifacts under {@code context.workDir()}.
   *
   * @return what was written, for the results store
   * @throws CellFailure when the export does not verify (a mismatch fails the cell)
   */
  List<ArtifactRef> export(Cell cell, FoldedEncoder encoder, List<LayerProbe> probes,
      CellRunContext context) throws IOException;

  /** Writes nothing. */
  static CellExporter none() {
    return (cell, encoder, probes, context) -> List.of();
  }
}
