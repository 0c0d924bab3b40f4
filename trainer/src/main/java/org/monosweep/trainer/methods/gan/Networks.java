package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.DataOutputStream;

/**
 * The networks of one GAN as a single {@link Block}, so that
 * {@link org.monosweep.trainer.train.Checkpoints} saves and restores them together. A container
 * only: its children are already initialised, and it has no forward pass.
 */
final class Networks extends AbstractBlock {
  private static final byte VERSION = 1;

  /** The named, initialised networks, in a fixed order. */
  Networks(PairList<String, Block> networks) {
    super(VERSION);
    for (int i = 0; i < networks.size(); i++) {
      addChildBlock(networks.keyAt(i), networks.valueAt(i));
    }
    inputShapes = new Shape[0];
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    throw new UnsupportedOperationException("a checkpoint container has no forward pass");
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[0];
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType,
      Shape... inputShapes) {
    // the children were initialised by their owners
  }

  @Override
  protected void saveMetadata(DataOutputStream os) {
    // no input shapes: nothing runs this block
  }

  @Override
  protected void loadMetadata(byte loadVersion, DataInputStream is) {
    // see saveMetadata
  }
}
