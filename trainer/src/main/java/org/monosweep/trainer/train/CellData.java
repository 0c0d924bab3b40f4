package org.monosweep.trainer.train;

import java.io.IOException;
import org.monosweep.spec.Cell;
import org.monosweep.spec.ParamKeys;
import org.monosweep.trainer.data.CellImages;
import org.monosweep.trainer.data.DatasetCatalog;
import org.monosweep.trainer.data.Split;
import org.monosweep.trainer.data.TrainingImages;

/**
 * Where a {@link TrainingRun} gets a cell's images. Every image is CHW float, 3 x S x S, in
 * (-1, 1), with S the encoder's input side. Implementations may throw
 * {@link org.monosweep.trainer.data.DatasetException} or {@link IOException} for missing or
 * corrupt data (the cell then fails permanently with the message).
 */
public interface CellData {
  /**
   * The images the method trains on: the {@code d} augmented patches of the cell's N sources,
   * or the real, labelled training split for N = full and for {@code supervised}. Not called
   * for methods that do not train ({@code random}).
   */
  TrainingImages training(Cell cell) throws IOException;

  /**
   * The labelled split probes train on (the dataset's training split), limited to the first
   * {@code cell.probe().trainLimit()} images when that is not 0.
   */
  TrainingImages probeTrain(Cell cell) throws IOException;

  /**
   * The labelled split probes are evaluated on (the dataset's test split), limited to the first
   * {@code cell.probe().testLimit()} images when that is not 0.
   */
  TrainingImages probeTest(Cell cell) throws IOException;

  /**
   * The node's real data: training images from {@code cellImages}, probe splits from
   * {@code catalog} (shared between cells, compact in memory), all at the side of the cell's
   * encoder ({@link ParamKeys#INPUT_SIZE}). The real splits exist at 32 pixels only and are
   * upsampled bilinearly for a larger encoder; augmented patches of N sources are rendered at
   * the encoder's side (for BiGAN on AlexNet at 128 pixels, the paper's S = 128).
   */
  static CellData create(CellImages cellImages, DatasetCatalog catalog) {
    return new CellData() {
      @Override
      public TrainingImages training(Cell cell) {
        int side = TrainingRun.architecture(cell).inputSide();
        // CellImages serves the real split (N = full, and methods that do not train on
        // sources) at its stored 32 pixels only; patches it renders at any side.
        if (side == 32 || cell.n().isFull() || !cell.method().trainsOnSources()) {
          return ResizedImages.of(cellImages.forCell(cell, 32), side);
        }
        return cellImages.forCell(cell, side);
      }

      @Override
      public TrainingImages probeTrain(Cell cell) {
        return ResizedImages.of(catalog.images(cell.dataset(), Split.TRAIN,
            cell.probe().trainLimit()), TrainingRun.architecture(cell).inputSide());
      }

      @Override
      public TrainingImages probeTest(Cell cell) {
        return ResizedImages.of(catalog.images(cell.dataset(), Split.TEST,
            cell.probe().testLimit()), TrainingRun.architecture(cell).inputSide());
      }
    };
  }
}
