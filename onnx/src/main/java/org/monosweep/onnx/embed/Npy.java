package org.monosweep.onnx.embed;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files, format version 1.0, C order, little-endian {@code float32}
 * ({@code <f4}) or {@code int32} ({@code <i4}).
 *
 * <p>Layout, per NumPy's format specification: the magic string {@code \x93NUMPY}, the major and
 * minor version bytes {@code 1} and {@code 0}, the header length as a little-endian unsigned
 * 16-bit integer, then the header: the ASCII text of a Python dict literal,
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (N, D), }}, padded with spaces and
 * ended by a newline so that the data starts at a multiple of 64 bytes; then the raw values.
 * Files are written to a temporary sibling and moved into place when complete, so an
 * interrupted run never leaves a truncated {@code .npy} behind.
 */
public final class Npy {
  /** {@code descr} of little-endian float32. */
  public static final String FLOAT32 = "<f4";
  /** {@code descr} of little-endian int32. */
  public static final String INT32 = "<i4";

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final int ALIGNMENT = 64;
  private static final int PREAMBLE = MAGIC.length + 2 + 2;
  private static final int COPY_CHUNK = 1 << 16;
  private static final Pattern HEADER = Pattern.compile(
      "\\{\\s*'descr'\\s*:\\s*'([^']*)'\\s*,\\s*'fortran_order'\\s*:\\s*(True|False)\\s*,"
          + "\\s*'shape'\\s*:\\s*\\(([^)]*)\\)\\s*,?\\s*}\\s*");

  private Npy() {}

  /**
   * The complete preamble and header (magic through the newline) of an array.
   *
   * @param descr {@link #FLOAT32} or {@link #INT32}
   * @param shape the dimensions, C order
   */
  public static byte[] header(String descr, long... shape) {
    if (!descr.equals(FLOAT32) && !descr.equals(INT32)) {
      throw new IllegalArgumentException("descr must be " + FLOAT32 + " or " + INT32 + ", got "
          + descr);
    }
    StringBuilder dims = new StringBuilder();
    for (int i = 0; i < shape.length; i++) {
      if (shape[i] < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      dims.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    if (shape.length == 1) {
      dims.append(',');
    }
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + dims + "), }";
    int padding = Math.floorMod(-(PREAMBLE + dict.length() + 1), ALIGNMENT);
    String text = dict + " ".repeat(padding) + "\n";
    if (text.length() > 0xFFFF) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape)
          + " needs a header longer than format 1.0 allows");
    }
    ByteBuffer out = ByteBuffer.allocate(PREAMBLE + text.length()).order(ByteOrder.LITTLE_ENDIAN);
    out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
    out.put(text.getBytes(StandardCharsets.US_ASCII));
    return out.array();
  }

  /**
   * Writes {@code values} as a float32 array of {@code shape}.
   *
   * @throws IllegalArgumentException when the shape does not hold exactly the values
   */
  public static void write(Path file, float[] values, long... shape) throws IOException {
    try (FloatWriter writer = openFloat32(file, shape)) {
      writer.append(values, 0, values.length);
    }
  }

  /**
   * Writes {@code values} as an int32 array of {@code shape}.
   *
   * @throws IllegalArgumentException when the shape does not hold exactly the values
   */
  public static void write(Path file, int[] values, long... shape) throws IOException {
    requireCount(values.length, shape);
    ByteBuffer data = ByteBuffer.allocate(values.length * Integer.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    data.asIntBuffer().put(values);
    Path temp = temporary(file);
    try (OutputStream out = Files.newOutputStream(temp)) {
      out.write(header(INT32, shape));
      out.write(data.array());
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Starts a float32 file of {@code shape} to be filled row by row; the file appears under its
   * name when the writer is closed after exactly {@code product(shape)} values.
   */
  public static FloatWriter openFloat32(Path file, long... shape) throws IOException {
    return new FloatWriter(file, shape);
  }

  /**
   * Reads a version 1.x, 2.x or 3.x file whose dtype is {@code <f4} or {@code <i4} in C order.
   *
   * @throws IllegalArgumentException when the file is not such an array
   */
  public static NpyArray read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < PREAMBLE || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new IllegalArgumentException(file + " is not a .npy file (no \\x93NUMPY magic)");
    }
    int major = bytes[6];
    int headerLength;
    int dataStart;
    if (major == 1) {
      headerLength = Short.toUnsignedInt(in.getShort(8));
      dataStart = 10 + headerLength;
    } else if (major == 2 || major == 3) {
      headerLength = in.getInt(8);
      dataStart = 12 + headerLength;
    } else {
      throw new IllegalArgumentException(file + " has .npy format version " + major
          + ", expected 1, 2 or 3");
    }
    if (dataStart > bytes.length) {
      throw new IllegalArgumentException(file + " is truncated inside its header");
    }
    String text = new String(bytes, dataStart - headerLength, headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    Matcher m = HEADER.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(file + " has a header this reader does not know: "
          + text.strip());
    }
    String descr = m.group(1);
    if (!descr.equals(FLOAT32) && !descr.equals(INT32)) {
      throw new IllegalArgumentException(file + " holds " + descr + ", expected " + FLOAT32
          + " or " + INT32);
    }
    if (m.group(2).equals("True")) {
      throw new IllegalArgumentException(file + " is in Fortran order, expected C order");
    }
    String[] parts = m.group(3).split(",");
    long[] shape = Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty())
        .mapToLong(Long::parseLong).toArray();
    long count = Arrays.stream(shape).reduce(1, Math::multiplyExact);
    if (bytes.length - dataStart != count * 4) {
      throw new IllegalArgumentException(file + " holds " + (bytes.length - dataStart)
          + " data bytes, expected " + count * 4 + " for shape " + Arrays.toString(shape));
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, dataStart, bytes.length - dataStart).slice()
        .order(ByteOrder.LITTLE_ENDIAN);
    return new NpyArray(descr, shape, data);
  }

  private static long requireCount(long values, long... shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, d);
    }
    if (count != values) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
          + " values, got " + values);
    }
    return count;
  }

  private static Path temporary(Path file) {
    Path absolute = file.toAbsolutePath();
    return absolute.resolveSibling("." + absolute.getFileName() + ".part");
  }

  /**
   * An array read back: its dtype, shape and little-endian data.
   *
   * @param descr {@link #FLOAT32} or {@link #INT32}
   * @param shape the dimensions
   * @param data the raw values (a read-only view is not guaranteed: do not change it)
   */
  public record NpyArray(String descr, long[] shape, ByteBuffer data) {
    public NpyArray {
      Objects.requireNonNull(descr, "descr");
      shape = shape.clone();
      data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The values of a float32 array. */
    public float[] floats() {
      if (!descr.equals(FLOAT32)) {
        throw new IllegalStateException("the array holds " + descr + ", not " + FLOAT32);
      }
      float[] out = new float[data.remaining() / 4];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
      return out;
    }

    /** The values of an int32 array. */
    public int[] ints() {
      if (!descr.equals(INT32)) {
        throw new IllegalStateException("the array holds " + descr + ", not " + INT32);
      }
      int[] out = new int[data.remaining() / 4];
      data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
      return out;
    }

    /** A copy of the dimensions. */
    @Override
    public long[] shape() {
      return shape.clone();
    }
  }

  /** Streams a float32 array into a file; not thread-safe. */
  public static final class FloatWriter implements AutoCloseable {
    private final Path file;
    private final Path temp;
    private final OutputStream out;
    private final long expected;
    private final ByteBuffer chunk =
        ByteBuffer.allocate(COPY_CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long written;
    private boolean closed;

    private FloatWriter(Path file, long[] shape) throws IOException {
      this.file = file;
      this.temp = temporary(file);
      byte[] header = header(FLOAT32, shape);
      this.expected = Arrays.stream(shape).reduce(1, Math::multiplyExact);
      this.out = Files.newOutputStream(temp);
      try {
        out.write(header);
      } catch (IOException e) {
        out.close();
        Files.deleteIfExists(temp);
        throw e;
      }
    }

    /** Appends {@code length} values of {@code values} from {@code offset}. */
    public void append(float[] values, int offset, int length) throws IOException {
      if (written + length > expected) {
        throw new IllegalArgumentException("the array holds " + expected + " values; "
            + (written + length) + " would overflow it");
      }
      for (int from = offset; from < offset + length; from += COPY_CHUNK) {
        int n = Math.min(COPY_CHUNK, offset + length - from);
        chunk.clear();
        chunk.asFloatBuffer().put(values, from, n);
        out.write(chunk.array(), 0, n * Float.BYTES);
      }
      written += length;
    }

    /**
     * Completes the file and moves it into place; without every value, deletes it instead.
     *
     * @throws IllegalStateException when fewer values than the shape holds were appended
     */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      out.close();
      if (written != expected) {
        Files.deleteIfExists(temp);
        throw new IllegalStateException(file + " was closed after " + written + " of "
            + expected + " values; nothing was written");
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }

    /** Deletes the partial file; use when the run producing the values failed. */
    public void abandon() throws IOException {
      if (!closed) {
        closed = true;
        out.close();
        Files.deleteIfExists(temp);
      }
    }
  }
}
