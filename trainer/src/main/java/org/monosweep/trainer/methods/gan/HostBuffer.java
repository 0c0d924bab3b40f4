package org.monosweep.trainer.methods.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A direct buffer reused to turn Java floats into an array every step. Creating an array from a
 * {@code float[]} allocates a fresh direct buffer that is freed only when the garbage collector
 * finds it, so per-step inputs pile up outside the heap between collections; on the CPU the
 * engine aliases a direct buffer instead of copying it. Safe because each array made from it is
 * closed (with its step's manager) before the buffer is refilled. Not thread-safe.
 */
final class HostBuffer {
  private ByteBuffer buffer;

  /** An array of {@code shape} holding {@code values}, on {@code manager}. */
  NDArray wrap(NDManager manager, float[] values, Shape shape) {
    if (buffer == null || buffer.capacity() != values.length * Float.BYTES) {
      buffer = ByteBuffer.allocateDirect(values.length * Float.BYTES)
          .order(ByteOrder.nativeOrder());
    }
    buffer.clear();
    buffer.asFloatBuffer().put(values);
    return manager.create(buffer, shape, DataType.FLOAT32);
  }
}
