package org.monosweep.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * {@link Checkpoints} as one file per epoch in a folder, {@code epoch-0007.ckpt}, of which only
 * the newest is kept. A file holds every parameter of the block (BatchNorm running statistics
 * included) by path, shape and float32 values, then a CRC-32; it is written to a temporary name
 * and renamed, so a crash leaves the previous epoch's file intact.
 *
 * <p>{@link #restore} reads and checks the whole file before it changes anything, then copies the
 * values into the block's existing arrays, so the parameters stay on the managers they were
 * created on. A file that does not match the block or fails its CRC is renamed to
 * {@code *.corrupt} and reported as an {@link IOException}: the attempt fails retryably and the
 * next one starts from epoch 1.
 */
final class FileCheckpoints implements Checkpoints {
  private static final int MAGIC = 0x4d534b50; // "MSKP"
  private static final int VERSION = 1;
  private static final Pattern NAME = Pattern.compile("epoch-(\\d+)\\.ckpt");

  private final Path folder;

  FileCheckpoints(Path folder) {
    this.folder = folder;
  }

  @Override
  public void save(int epoch, Block network) throws IOException {
    Files.createDirectories(folder);
    Path target = folder.resolve(String.format(Locale.ROOT, "epoch-%04d.ckpt", epoch));
    Path temporary = folder.resolve(target.getFileName() + ".tmp");
    CRC32 crc = new CRC32();
    try (OutputStream file = Files.newOutputStream(temporary);
        CheckedOutputStream checked = new CheckedOutputStream(new BufferedOutputStream(file), crc);
        DataOutputStream out = new DataOutputStream(checked)) {
      List<Pair<String, Parameter>> parameters = parameters(network);
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(epoch);
      out.writeInt(parameters.size());
      for (Pair<String, Parameter> entry : parameters) {
        NDArray array = entry.getValue().getArray();
        if (array.getDataType() != DataType.FLOAT32) {
          throw new IOException("parameter " + entry.getKey() + " is " + array.getDataType()
              + ", only float32 is supported");
        }
        long[] shape = array.getShape().getShape();
        out.writeUTF(entry.getKey());
        out.writeInt(shape.length);
        for (long d : shape) {
          out.writeLong(d);
        }
        float[] values = array.toFloatArray();
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        out.write(bytes.array());
      }
      out.flush();
      // the checksum of everything before it
      new DataOutputStream(file).writeLong(crc.getValue());
    }
    move(temporary, target);
    for (Path old : checkpoints()) {
      if (epochOf(old) < epoch) {
        Files.deleteIfExists(old);
      }
    }
  }

  @Override
  public int restore(Block network, NDManager manager) throws IOException {
    Path latest = null;
    for (Path path : checkpoints()) {
      if (latest == null || epochOf(path) > epochOf(latest)) {
        latest = path;
      }
    }
    if (latest == null) {
      return 0;
    }
    List<Pair<String, Parameter>> parameters = parameters(network);
    List<float[]> values = new ArrayList<>();
    int epoch;
    try {
      epoch = read(latest, parameters, values);
    } catch (IOException e) {
      Path aside = latest.resolveSibling(latest.getFileName() + ".corrupt");
      move(latest, aside);
      throw new IOException(latest + " is unusable (" + e.getMessage() + "); moved to " + aside
          + ", the next attempt starts over", e);
    }
    for (int i = 0; i < parameters.size(); i++) {
      parameters.get(i).getValue().getArray().set(values.get(i));
    }
    return epoch;
  }

  /** Reads and checks a file against the block's parameters; fills {@code values}. */
  private static int read(Path path, List<Pair<String, Parameter>> parameters,
      List<float[]> values) throws IOException {
    CRC32 crc = new CRC32();
    try (InputStream file = new BufferedInputStream(Files.newInputStream(path));
        CheckedInputStream checked = new CheckedInputStream(file, crc);
        DataInputStream in = new DataInputStream(checked)) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        throw new IOException("not a version-" + VERSION + " checkpoint");
      }
      int epoch = in.readInt();
      int count = in.readInt();
      if (count != parameters.size()) {
        throw new IOException("holds " + count + " parameters, the network has "
            + parameters.size());
      }
      for (Pair<String, Parameter> entry : parameters) {
        String name = in.readUTF();
        long[] shape = new long[in.readInt()];
        for (int d = 0; d < shape.length; d++) {
          shape[d] = in.readLong();
        }
        NDArray array = entry.getValue().getArray();
        if (!name.equals(entry.getKey())
            || !java.util.Arrays.equals(shape, array.getShape().getShape())) {
          throw new IOException("parameter " + name + " " + java.util.Arrays.toString(shape)
              + " does not match the network's " + entry.getKey() + " " + array.getShape());
        }
        byte[] bytes = new byte[Math.toIntExact(array.size() * 4)];
        in.readFully(bytes);
        float[] v = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        values.add(v);
      }
      long expected = crc.getValue();
      long stored = new DataInputStream(file).readLong();
      if (stored != expected) {
        throw new IOException("checksum mismatch");
      }
      return epoch;
    } catch (EOFException e) {
      throw new IOException("truncated", e);
    }
  }

  private static List<Pair<String, Parameter>> parameters(Block network) {
    List<Pair<String, Parameter>> list = new ArrayList<>();
    network.getParameters().forEach(list::add);
    return list;
  }

  private List<Path> checkpoints() throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).toList();
    }
  }

  private static int epochOf(Path path) {
    Matcher m = NAME.matcher(path.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(path + " is not a checkpoint");
    }
    return Integer.parseInt(m.group(1));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
