package org.monosweep.cli.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code monosweep keystore} with the real {@code keytool} of the JDK running the tests. */
class KeystoreCommandTest {
  @TempDir Path tmp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void writesAKeyPairATruststoreTrustingOnlyItsCertificateAndAnOwnerOnlyPassword() throws Exception {
    Path dir = tmp.resolve("lab");

    int code = keystore("--out", dir.toString(), "--lab", "lab-a", "--validity-days", "30");

    assertThat(code).as(err.toString()).isZero();
    TlsFolder folder = new TlsFolder(dir);
    String password = folder.readPassword();
    assertThat(password).hasSizeGreaterThanOrEqualTo(43).doesNotContain("\n");
    assertThat(Files.getPosixFilePermissions(folder.password())).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(folder.keystore())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    KeyStore keys = load(folder.keystore(), password);
    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.isKeyEntry(TlsFolder.ALIAS)).isTrue();
    X509Certificate cert = (X509Certificate) keys.getCertificate(TlsFolder.ALIAS);
    assertThat(cert.getPublicKey()).isInstanceOf(ECPublicKey.class);
    assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getOrder().bitLength()).isEqualTo(256);
    assertThat(cert.getSubjectX500Principal().getName()).contains("CN=monosweep lab lab-a");
    assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(cert.getNotAfter().toInstant()).isBetween(
        Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));

    KeyStore trusted = load(folder.truststore(), password);
    assertThat(trusted.size()).isEqualTo(1);
    assertThat(trusted.isCertificateEntry(TlsFolder.ALIAS)).isTrue();
    assertThat(trusted.getCertificate(TlsFolder.ALIAS)).isEqualTo(cert);
    try (Stream<Path> written = Files.list(dir)) {
      assertThat(written).as("no staging folder left behind")
          .extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("keystore.p12", "truststore.p12", "lab.crt", "password");
    }

    assertThat(out.toString())
        .contains("--tls " + folder.dir())
        .contains("monosweep.tls.dir = \"" + folder.dir() + "\"");
  }

  @Test
  void refusesToReplaceALabWithoutForce() throws Exception {
    Path dir = tmp.resolve("lab");
    assertThat(keystore("--out", dir.toString())).isZero();
    String password = new TlsFolder(dir).readPassword();
    byte[] keystore = Files.readAllBytes(new TlsFolder(dir).keystore());

    int code = keystore("--out", dir.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("already holds").contains("--force");
    assertThat(new TlsFolder(dir).readPassword()).isEqualTo(password);
    assertThat(Files.readAllBytes(new TlsFolder(dir).keystore())).isEqualTo(keystore);
  }

  @Test
  void forceReplacesTheLabWithANewKeyAndPassword() throws Exception {
    Path dir = tmp.resolve("lab");
    assertThat(keystore("--out", dir.toString())).isZero();
    TlsFolder folder = new TlsFolder(dir);
    String oldPassword = folder.readPassword();
    var oldCert = load(folder.truststore(), oldPassword).getCertificate(TlsFolder.ALIAS);

    int code = keystore("--out", dir.toString(), "--force");

    assertThat(code).as(err.toString()).isZero();
    String newPassword = folder.readPassword();
    assertThat(newPassword).isNotEqualTo(oldPassword);
    assertThat(load(folder.keystore(), newPassword).getCertificate(TlsFolder.ALIAS)).isNotEqualTo(oldCert);
  }

  @Test
  void labNameThatWouldChangeTheCertificateSubjectIsRejected() {
    int code = keystore("--out", tmp.resolve("lab").toString(), "--lab", "x, CN=other");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("not a valid lab name");
    assertThat(tmp.resolve("lab")).doesNotExist();
  }

  @Test
  void missingKeytoolIsReportedWithItsPathAndNothingIsWritten() {
    Path jre = tmp.resolve("jre-without-keytool");
    LabKeystore keystores = LabKeystore.create(jre, new SecureRandom());

    assertThatThrownBy(() -> keystores.generate(tmp.resolve("lab"), "lab", 30, false))
        .isInstanceOf(KeystoreException.class)
        .hasMessageContaining("no keytool at " + jre.resolve("bin"))
        .hasMessageContaining("JDK");
    assertThat(tmp.resolve("lab")).doesNotExist();
  }

  private int keystore(String... args) {
    CommandLine cli = new CommandLine(new KeystoreCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  private static KeyStore load(Path file, String password) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      return store;
    }
  }
}
