package org.monosweep.protocol;

import akka.actor.typed.ActorRef;
import akka.stream.SourceRef;
import akka.util.ByteString;
import java.util.List;
import java.util.Objects;
import org.monosweep.spec.CellId;

/**
 * Moves the files a cell produced from its node to the coordinator's store, so that nodes need
 * not share a file system with the coordinator. The node offers each file as a stream of chunks
 * ({@link SourceRef}); the coordinator's artifact store pulls them, checks size and sha256 on
 * arrival and answers with where it keeps them. Chunks are far below Artery's frame size.
 *
 * @param sweep the sweep's name
 * @param cellId the cell whose files these are
 * @param attempt the attempt that produced them (files of different attempts never mix)
 * @param node the offering node
 * @param offers one per file
 * @param replyTo receives {@link ArtifactsStored}
 */
public record ArtifactUpload(String sweep, CellId cellId, int attempt, String node,
    List<ArtifactOffer> offers, ActorRef<ArtifactsStored> replyTo) implements CborSerializable {

  public ArtifactUpload {
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(cellId, "cellId");
    Objects.requireNonNull(node, "node");
    offers = List.copyOf(offers);
    Objects.requireNonNull(replyTo, "replyTo");
  }

  /**
   * One file on offer.
   *
   * @param artifact what the node knows of it (kind, its path on the node, size, sha256)
   * @param data the file's bytes in chunks
   */
  public record ArtifactOffer(CellResult.ArtifactRef artifact, SourceRef<ByteString> data)
      implements CborSerializable {
    public ArtifactOffer {
      Objects.requireNonNull(artifact, "artifact");
      Objects.requireNonNull(data, "data");
    }
  }

  /**
   * The answer to an upload.
   *
   * @param stored the files as the coordinator keeps them (its paths), in offer order; empty
   *     when the upload failed
   * @param failure empty on success, else why the files were refused (a checksum mismatch, a
   *     broken stream)
   */
  public record ArtifactsStored(CellId cellId, int attempt, List<CellResult.ArtifactRef> stored,
      String failure) implements CborSerializable {
    public ArtifactsStored {
      Objects.requireNonNull(cellId, "cellId");
      stored = List.copyOf(stored);
      Objects.requireNonNull(failure, "failure");
    }

    /** Whether every file arrived intact. */
    public boolean ok() {
      return failure.isEmpty();
    }
  }
}
