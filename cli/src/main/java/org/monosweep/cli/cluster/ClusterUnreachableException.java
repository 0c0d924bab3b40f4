package org.monosweep.cli.cluster;

/**
 * No cluster answered: nothing listens at the address, the network drops the connection, or
 * the members refused this one's TLS certificate. The message says where and what to check.
 */
public final class ClusterUnreachableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ClusterUnreachableException(String message) {
    super(message);
  }
}
