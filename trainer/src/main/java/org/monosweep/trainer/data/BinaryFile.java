package org.monosweep.trainer.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A dataset file read sequentially, gunzipped when it starts with the gzip magic. Every failure
 * becomes a {@link DatasetException} naming the file and the fix: a short file reports the size
 * its header promised against the bytes it actually holds.
 */
final class BinaryFile implements AutoCloseable {
  private static final int GZIP_MAGIC_1 = 0x1f;
  private static final int GZIP_MAGIC_2 = 0x8b;

  private final Path file;
  private final String fix;
  private final InputStream in;
  private final boolean gzip;
  private long position;
  private long expectedSize = -1;
  private String layout = "";

  private BinaryFile(Path file, String fix, InputStream in, boolean gzip) {
    this.file = file;
    this.fix = fix;
    this.in = in;
    this.gzip = gzip;
  }

  /**
   * Opens {@code file}.
   *
   * @param fix how to get a good copy, appended to every error
   * @throws DatasetException when it is missing or unreadable
   */
  static BinaryFile open(Path file, String fix) {
    requireFile(file, fix);
    InputStream raw = null;
    try {
      raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
      raw.mark(2);
      boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
      raw.reset();
      InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
      return new BinaryFile(file, fix, in, gzip);
    } catch (IOException e) {
      closeQuietly(raw);
      throw corrupt(file, "cannot be read (" + e.getMessage() + ")", fix, e);
    }
  }

  /** Fails unless {@code file} is an existing regular file. */
  static void requireFile(Path file, String fix) {
    if (!Files.isRegularFile(file)) {
      throw new DatasetException(file, (Files.exists(file) ? "is not a regular file" : "is missing")
          + "; " + fix);
    }
  }

  /** A {@link DatasetException} saying the file is corrupt, with the fix. */
  static DatasetException corrupt(Path file, String what, String fix, Throwable cause) {
    return new DatasetException(file, what + "; " + fix, cause);
  }

  /**
   * Declares the total (uncompressed) size the header promises, so that a short file reports
   * expected versus actual bytes.
   *
   * @param layout how the size follows from the header, for the message
   */
  void expect(long totalBytes, String layout) {
    this.expectedSize = totalBytes;
    this.layout = layout;
  }

  /** The path read. */
  Path file() {
    return file;
  }

  /** Reads a big-endian 32-bit integer. */
  int readInt() {
    byte[] b = new byte[4];
    readFully(b, 0, 4);
    return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
  }

  /**
   * Reads a big-endian 32-bit magic number.
   *
   * @param kind what the file should be, for the message ({@code an IDX label file})
   * @throws DatasetException when it is not {@code expected}
   */
  void requireMagic(int expected, String kind) {
    int magic = readInt();
    if (magic != expected) {
      throw corrupt(file, String.format("is not %s: magic number 0x%08x, expected 0x%08x", kind,
          magic, expected), fix, null);
    }
  }

  /** Reads exactly {@code length} bytes or fails naming the file as truncated. */
  void readFully(byte[] buffer, int offset, int length) {
    int n = 0;
    try {
      while (n < length) {
        int r = in.read(buffer, offset + n, length - n);
        if (r < 0) {
          throw truncated(position + n, null);
        }
        n += r;
      }
    } catch (EOFException e) {
      // GZIPInputStream reports a cut-off compressed stream as EOFException.
      throw truncated(position + n, e);
    } catch (ZipException e) {
      throw corrupt(file, "is corrupt (gzip: " + e.getMessage() + ")", fix, e);
    } catch (IOException e) {
      throw corrupt(file, "cannot be read (" + e.getMessage() + ")", fix, e);
    }
    position += length;
  }

  /** Fails when the file holds more bytes than its header declares. */
  void requireEnd() {
    try {
      long extra = in.skip(Long.MAX_VALUE);
      while (in.read() >= 0) {
        extra += 1 + in.skip(Long.MAX_VALUE);
      }
      if (extra > 0) {
        throw corrupt(file, "is corrupt: " + (gzip ? "uncompressed " : "") + "size is "
            + (position + extra) + " bytes, expected " + position + sizeLayout(), fix, null);
      }
    } catch (EOFException e) {
      throw truncated(position, e);
    } catch (IOException e) {
      throw corrupt(file, "is corrupt (" + e.getMessage() + ")", fix, e);
    }
  }

  @Override
  public void close() {
    closeQuietly(in);
  }

  private DatasetException truncated(long actual, Throwable cause) {
    String expected = expectedSize >= 0 ? expectedSize + sizeLayout() : "more";
    return corrupt(file, "is truncated: expected " + expected + ", got only " + actual + " bytes"
        + (gzip ? " (uncompressed, before the gzip stream broke off)" : ""), fix, cause);
  }

  private String sizeLayout() {
    return " bytes" + (layout.isEmpty() ? "" : " (" + layout + ")");
  }

  private static void closeQuietly(InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      // Nothing more to read from it; the data already read stands.
    }
  }
}
