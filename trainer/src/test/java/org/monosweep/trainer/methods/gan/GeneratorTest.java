package org.monosweep.trainer.methods.gan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.monosweep.trainer.model.Initialization;

class GeneratorTest {

  @Test
  void depthToSpaceInterleavesFourChannelsIntoTwoByTwoBlocks() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      // channels 0..3 of one pixel become its 2x2 block, row-major (PyTorch's pixel_shuffle)
      NDArray x = manager.arange(8f).reshape(1, 4, 1, 2);
      NDArray y = Generator.depthToSpace(x);
      assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 4));
      assertThat(y.toFloatArray()).containsExactly(0, 2, 1, 3, 4, 6, 5, 7);
    }
  }

  @Test
  void makesImagesOfTheEncodersSideInMinusOneToOne() {
    try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
      Block generator = Generator.create(16, 8, 32);
      Initialization.seeded(generator, manager, 1, new Shape(1, 16));
      NDArray images = generator.forward(new ParameterStore(manager, false),
          new NDList(manager.randomNormal(new Shape(5, 16))), true).singletonOrThrow();
      assertThat(images.getShape()).isEqualTo(new Shape(5, 3, 32, 32));
      assertThat(images.abs().max().getFloat()).isLessThanOrEqualTo(1f);
    }
  }

  @Test
  void rejectsSidesThatAreNotFourTimesAPowerOfTwo() {
    assertThatThrownBy(() -> Generator.stages(48)).hasMessageContaining("not 48");
    assertThat(Generator.stages(32)).isEqualTo(3);
    assertThat(Generator.stages(128)).isEqualTo(5);
  }
}
