package org.monosweep.cli.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A lab's TLS folder and the names of the files in it. The same names are written by
 * {@code monosweep keystore} and read by {@link ClusterTls}, so they live in one place.
 */
record TlsFolder(Path dir) {
  /** PKCS12 keystore: the lab's private key and its self-signed certificate, alias {@link #ALIAS}. */
  static final String KEYSTORE = "keystore.p12";
  /** PKCS12 truststore: the certificates a member accepts from its peers (only the lab's). */
  static final String TRUSTSTORE = "truststore.p12";
  /** The lab certificate in PEM, public; kept for inspection ({@code keytool -printcert -file}). */
  static final String CERTIFICATE = "lab.crt";
  /** The password of both stores and of the key, one line, owner-only permissions. */
  static final String PASSWORD = "password";
  /** Keystore type of both stores. */
  static final String STORE_TYPE = "PKCS12";
  /** Alias of the lab key pair in the keystore and of the certificate in the truststore. */
  static final String ALIAS = "lab";

  TlsFolder {
    dir = dir.toAbsolutePath().normalize();
  }

  Path keystore() {
    return dir.resolve(KEYSTORE);
  }

  Path truststore() {
    return dir.resolve(TRUSTSTORE);
  }

  Path certificate() {
    return dir.resolve(CERTIFICATE);
  }

  Path password() {
    return dir.resolve(PASSWORD);
  }

  /** Every file {@code monosweep keystore} writes, in the order it reports them. */
  List<Path> files() {
    return List.of(keystore(), truststore(), certificate(), password());
  }

  /** The password file's content without its line end; empty when the file is blank. */
  String readPassword() {
    try {
      return Files.readString(password(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + password() + ": " + e.getMessage(), e);
    }
  }
}
