package org.monosweep.coordinator.artifacts;

import akka.stream.IOOperationIncompleteException;
import akka.stream.Materializer;
import akka.stream.SharedKillSwitch;
import akka.stream.javadsl.FileIO;
import akka.util.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import org.monosweep.protocol.ArtifactUpload.ArtifactOffer;
import org.monosweep.protocol.CellResult.ArtifactRef;

/**
 * Pulls one offered file into the store: its chunks go to a temporary file in the target folder
 * while their size and sha256 are counted, then the file is checked against what the node
 * declared and moved into place atomically, so no reader ever sees a partial or unverified file.
 * On any failure the temporary file is deleted and the stage fails with a {@link Refused} whose
 * message names the file.
 */
final class FileTransfer {
  private FileTransfer() {}

  /** Why a file was not stored; the message is the one-line reason sent to the node. */
  static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Starts pulling {@code offer} into {@code dir/fileName}.
   *
   * @param fileName the already sanitised name ({@link StoredNames#of})
   * @param killSwitch aborts the stream when the store stops
   * @param io runs the blocking file system calls
   * @return the stored file's reference (absolute path, the declared kind, counted size and
   *     sha256), or a failure with a {@link Refused}
   */
  static CompletionStage<ArtifactRef> receive(ArtifactOffer offer, Path dir, String fileName,
      ArtifactStoreSettings settings, SharedKillSwitch killSwitch, Materializer materializer,
      Executor io) {
    ArtifactRef declared = offer.artifact();
    String what = StoredNames.printable(declared.path());
    Path target = dir.resolve(fileName);
    Receipt receipt = new Receipt(declared.sizeBytes(), what);
    return CompletableFuture.supplyAsync(() -> temporaryFile(dir, fileName), io)
        .thenCompose(temp -> offer.data().getSource()
            .idleTimeout(settings.stallTimeout())
            .via(killSwitch.flow())
            .map(receipt::count)
            .runWith(FileIO.toPath(temp), materializer)
            .handleAsync((ioResult, failure) -> finish(temp, target, receipt, declared, failure), io))
        .exceptionally(failure -> {
          Throwable cause = unwrap(failure);
          throw cause instanceof Refused refused ? refused
              : new Refused(what + ": " + describe(cause), cause);
        });
  }

  private static Path temporaryFile(Path dir, String fileName) {
    try {
      Files.createDirectories(dir);
      return Files.createTempFile(dir, "." + fileName + ".", ".part");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file in " + dir, e);
    }
  }

  /** Runs on the I/O executor once the stream ended: verify, then move into place or delete. */
  private static ArtifactRef finish(Path temp, Path target, Receipt receipt, ArtifactRef declared,
      Throwable failure) {
    try {
      if (failure != null) {
        Throwable cause = unwrap(failure);
        throw cause instanceof Refused refused ? refused
            : new Refused(receipt.what + ": " + describe(cause), cause);
      }
      String sha256 = receipt.sha256();
      if (receipt.bytes != declared.sizeBytes()) {
        throw new Refused(receipt.what + ": size mismatch, expected " + declared.sizeBytes()
            + " bytes, got " + receipt.bytes, null);
      }
      if (!sha256.equalsIgnoreCase(declared.sha256())) {
        throw new Refused(receipt.what + ": sha256 mismatch, expected "
            + StoredNames.printable(declared.sha256()) + ", got " + sha256, null);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
      return new ArtifactRef(declared.kind(), target.toString(), receipt.bytes, sha256);
    } catch (IOException e) {
      throw new Refused(receipt.what + ": cannot move it into " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
  }

  static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing more to do: a leftover .part file is harmless and the refusal says why.
    }
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cause = t;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException
        || cause instanceof IOOperationIncompleteException || cause instanceof UncheckedIOException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  private static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message.strip().lines().findFirst().orElse("");
  }

  /**
   * Counts and hashes the chunks as they pass. Confined to the one stream that pulls the file;
   * read only after the stream completed.
   */
  private static final class Receipt {
    private final long declaredBytes;
    private final String what;
    private final MessageDigest digest;
    private long bytes;

    Receipt(long declaredBytes, String what) {
      this.declaredBytes = declaredBytes;
      this.what = what;
      try {
        this.digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every JDK", e);
      }
    }

    ByteString count(ByteString chunk) {
      bytes += chunk.size();
      if (bytes > declaredBytes) {
        // Stop at once: a node must not fill the coordinator's disk beyond what it declared.
        throw new Refused(what + ": size mismatch, expected " + declaredBytes
            + " bytes, got more", null);
      }
      digest.update(chunk.asByteBuffer());
      return chunk;
    }

    String sha256() {
      return HexFormat.of().formatHex(digest.digest());
    }
  }
}
