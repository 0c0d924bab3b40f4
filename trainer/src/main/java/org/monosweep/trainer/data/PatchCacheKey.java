package org.monosweep.trainer.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.monosweep.augment.transform.AugmentationSettings;
import org.monosweep.augment.transform.PatchGenerator;
import org.monosweep.spec.Augmentation;

/**
 * The content address of a cell's rendered patches: SHA-256 over everything that decides their
 * bytes, and nothing else. That is the digest of each source's bytes (the image file as stored,
 * or the pixels a training image contributes), every augmentation setting (S included), the
 * number of patches d, the seed, whether patches are reduced to luminance, and augment-node's
 * {@link PatchGenerator#RENDER_VERSION}. Cells that differ only in what does not touch the
 * patches (method, encoder, probe, epochs) therefore share one address.
 *
 * @param hex the 64 lowercase hex digits of the digest
 */
record PatchCacheKey(String hex) {

  /** Separates this use of SHA-256 from any other and versions the key's own layout. */
  private static final String DOMAIN = "monosweep patch cache key v1";

  PatchCacheKey {
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a patch cache key is 64 lowercase hex digits: " + hex);
    }
  }

  /**
   * @param sourceDigests the SHA-256 of each source, in source order
   * @param settings the augmentation settings, S included
   * @param count d, the number of patches
   * @param seed the dataset's seed
   * @param grayscale whether patches are stored as one luminance plane
   */
  static PatchCacheKey of(List<byte[]> sourceDigests, AugmentationSettings settings, int count,
      long seed, boolean grayscale) {
    Objects.requireNonNull(settings, "settings");
    MessageDigest sha = sha256();
    ByteBuffer fields = ByteBuffer.allocate(256);
    sha.update(DOMAIN.getBytes(StandardCharsets.UTF_8));
    fields.putInt(PatchGenerator.RENDER_VERSION)
        .putInt(count)
        .putLong(seed)
        .put((byte) (grayscale ? 1 : 0))
        .putInt(settings.outputSize());
    for (Augmentation augmentation : Augmentation.values()) {
      fields.put((byte) (settings.isEnabled(augmentation) ? 1 : 0));
    }
    fields.putDouble(settings.beta())
        .putDouble(settings.gammaAspect())
        .putDouble(settings.maxAngleDegrees())
        .putDouble(settings.brightness().min()).putDouble(settings.brightness().max())
        .putDouble(settings.contrast().min()).putDouble(settings.contrast().max())
        .putDouble(settings.saturation().min()).putDouble(settings.saturation().max())
        .putDouble(settings.hueShift())
        .putDouble(settings.flipProbability())
        .putInt(sourceDigests.size());
    sha.update(fields.array(), 0, fields.position());
    for (byte[] digest : sourceDigests) {
      if (digest.length != 32) {
        throw new IllegalArgumentException("a source digest is 32 bytes, got " + digest.length);
      }
      sha.update(digest);
    }
    return new PatchCacheKey(HexFormat.of().formatHex(sha.digest()));
  }

  /** The SHA-256 of a source image file's bytes, as stored (the decoding is keyed elsewhere). */
  static byte[] digestOfFile(Path file) throws IOException {
    MessageDigest sha = sha256();
    sha.update("file".getBytes(StandardCharsets.US_ASCII));
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        sha.update(buffer, 0, read);
      }
    }
    return sha.digest();
  }

  /**
   * The SHA-256 of a source given as pixels: its shape and the exact bits of every value.
   *
   * @param planar the values {@code SourceImage.fromPixels} receives
   */
  static byte[] digestOfPixels(int width, int height, int channels, float[] planar) {
    MessageDigest sha = sha256();
    ByteBuffer bytes = ByteBuffer.allocate(16 + 4 * planar.length);
    bytes.put("pixl".getBytes(StandardCharsets.US_ASCII))
        .putInt(width).putInt(height).putInt(channels);
    bytes.asFloatBuffer().put(planar);
    sha.update(bytes.array());
    return sha.digest();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's javadoc).
      throw new IllegalStateException(e);
    }
  }
}
