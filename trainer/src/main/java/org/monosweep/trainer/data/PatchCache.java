package org.monosweep.trainer.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of rendered patch sets, one file per {@link PatchCacheKey}, named {@code
 * <key>.patches}. A file is a 64-byte header (magic {@code MSPATCH\0}, format version, S,
 * channels, count, the key, and a CRC-32C of the payload) followed by the pixels exactly as
 * {@link CompactImages} holds them: one byte per pixel and channel, image after image, CHW.
 *
 * <p>Writes go to a temporary file in the same folder, are forced to disk and then renamed over
 * the target in one atomic step, so a crash leaves either no file or a whole one (at worst an
 * orphaned {@code *.tmp}), and a reader never sees a half-written file. Concurrent writers of one
 * key, in this JVM or on other machines sharing the folder, each rename their own whole file;
 * the last one wins, and since the key fixes the bytes, all of them are the same. A read checks
 * the header against the key and the expected shape, the length and the checksum; a file that
 * fails any check is reported as absent, so the caller renders again and rewrites it.
 *
 * <p>Thread-safe: instances hold only the folder.
 */
final class PatchCache {
  /** The suffix of a complete patch file. */
  static final String SUFFIX = ".patches";
  /** The suffix of a file being written. */
  static final String TEMPORARY_SUFFIX = ".tmp";

  private static final Logger LOG = LoggerFactory.getLogger(PatchCache.class);
  private static final byte[] MAGIC = "MSPATCH\0".getBytes(StandardCharsets.US_ASCII);
  private static final int FORMAT_VERSION = 1;
  /** Magic 8, version 4, side 4, channels 4, count 4, key 32, crc 4, reserved 4. */
  static final int HEADER_BYTES = 64;

  private final Path folder;

  PatchCache(Path folder) {
    this.folder = Objects.requireNonNull(folder, "folder");
  }

  /** Where the patches of {@code key} live. */
  Path fileFor(PatchCacheKey key) {
    return folder.resolve(key.hex() + SUFFIX);
  }

  /**
   * The stored pixels of {@code key}, or empty when there is no file or it is not a complete,
   * intact file of this key and shape (logged: the caller renders again and overwrites it).
   *
   * @throws IOException when an existing file cannot be read at all
   */
  Optional<byte[]> read(PatchCacheKey key, int count, int channels, int side) throws IOException {
    Path file = fileFor(key);
    long payload = payloadBytes(count, channels, side);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      if (size != HEADER_BYTES + payload) {
        return rejected(file, size + " bytes, expected " + (HEADER_BYTES + payload));
      }
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
      readFully(channel, header);
      header.flip();
      byte[] magic = new byte[MAGIC.length];
      header.get(magic);
      int version = header.getInt();
      int storedSide = header.getInt();
      int storedChannels = header.getInt();
      int storedCount = header.getInt();
      byte[] storedKey = new byte[32];
      header.get(storedKey);
      int crc = header.getInt();
      if (!Arrays.equals(magic, MAGIC) || version != FORMAT_VERSION) {
        return rejected(file, "not a patch file of format " + FORMAT_VERSION);
      }
      if (!Arrays.equals(storedKey, HexFormat.of().parseHex(key.hex()))) {
        return rejected(file, "holds the patches of another key");
      }
      if (storedSide != side || storedChannels != channels || storedCount != count) {
        return rejected(file, "holds " + storedCount + " x " + storedChannels + " x " + storedSide
            + " x " + storedSide + ", expected " + count + " x " + channels + " x " + side + " x "
            + side);
      }
      byte[] pixels = new byte[(int) payload];
      readFully(channel, ByteBuffer.wrap(pixels));
      if (crc(pixels) != crc) {
        return rejected(file, "checksum mismatch");
      }
      return Optional.of(pixels);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Stores {@code pixels} as the patches of {@code key}, replacing any file there atomically.
   * Creates the folder when missing; leaves no temporary file behind, whether it succeeds or not.
   *
   * @throws IOException when the folder or the file cannot be written
   */
  void write(PatchCacheKey key, byte[] pixels, int count, int channels, int side)
      throws IOException {
    long payload = payloadBytes(count, channels, side);
    if (pixels.length < payload) {
      throw new IllegalArgumentException(pixels.length + " bytes cannot hold " + payload);
    }
    Files.createDirectories(folder);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.put(MAGIC).putInt(FORMAT_VERSION).putInt(side).putInt(channels).putInt(count)
        .put(HexFormat.of().parseHex(key.hex())).putInt(crc(pixels, (int) payload));
    header.position(HEADER_BYTES).flip();
    Path temporary = Files.createTempFile(folder, key.hex() + "-", TEMPORARY_SUFFIX);
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        writeFully(channel, header);
        writeFully(channel, ByteBuffer.wrap(pixels, 0, (int) payload));
        // On disk before the rename: after a power cut the name must not point at lost data.
        channel.force(true);
      }
      Files.move(temporary, fileFor(key), StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static long payloadBytes(int count, int channels, int side) {
    return (long) count * channels * side * side;
  }

  private static Optional<byte[]> rejected(Path file, String why) {
    LOG.warn("{}: patch cache file is damaged or stale ({}); rendering the patches again", file,
        why);
    return Optional.empty();
  }

  private static int crc(byte[] bytes) {
    return crc(bytes, bytes.length);
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (channel.read(buffer) < 0) {
        throw new IOException("file ended early");
      }
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }
}
