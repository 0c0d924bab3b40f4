package org.monosweep.cli.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config overlay a TLS folder turns into, and the errors for folders that cannot work. */
class ClusterTlsTest {
  private static final UnaryOperator<String> NO_ENV = name -> null;
  private static final String ENGINE = "akka.remote.artery.ssl.config-ssl-engine.";

  @TempDir static Path labs;
  private static Path lab;
  private static Path rogue;

  @TempDir Path tmp;

  @BeforeAll
  static void makeTwoLabs() {
    LabKeystore keystores = LabKeystore.create(Path.of(System.getProperty("java.home")), new SecureRandom());
    lab = keystores.generate(labs.resolve("lab"), "lab", 30, false).folder().dir();
    rogue = keystores.generate(labs.resolve("rogue"), "rogue", 30, false).folder().dir();
  }

  @Test
  void overlaySwitchesArteryToTls13WithMutualAuthenticationOnTheFoldersStores() {
    Config tls = ClusterTls.overlay(lab, NO_ENV).withFallback(ConfigFactory.load()).resolve();

    String password = new TlsFolder(lab).readPassword();
    assertThat(tls.getString("akka.remote.artery.transport")).isEqualTo("tls-tcp");
    assertThat(tls.getString("akka.remote.artery.ssl.ssl-engine-provider"))
        .isEqualTo("akka.remote.artery.tcp.ConfigSSLEngineProvider");
    assertThat(tls.getString(ENGINE + "key-store")).isEqualTo(lab.resolve("keystore.p12").toString());
    assertThat(tls.getString(ENGINE + "trust-store")).isEqualTo(lab.resolve("truststore.p12").toString());
    assertThat(tls.getString(ENGINE + "key-store-password")).isEqualTo(password);
    assertThat(tls.getString(ENGINE + "key-password")).isEqualTo(password);
    assertThat(tls.getString(ENGINE + "trust-store-password")).isEqualTo(password);
    assertThat(tls.getString(ENGINE + "protocol")).isEqualTo("TLSv1.3");
    assertThat(tls.getStringList(ENGINE + "enabled-algorithms"))
        .containsExactly("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");
    assertThat(tls.getBoolean(ENGINE + "require-mutual-authentication")).isTrue();
    assertThat(tls.getString(ENGINE + "random-number-generator")).isEmpty();
    assertThat(tls.getBoolean("akka.actor.allow-java-serialization")).isFalse();
  }

  @Test
  void folderWithoutPasswordFileNamesTheFileAndTheFix() throws Exception {
    Path dir = copyOf(lab, "keystore.p12", "truststore.p12", "lab.crt");

    assertThatThrownBy(() -> ClusterTls.overlay(dir, NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS folder " + dir + " has no password file")
        .hasMessageContaining("MONOSWEEP_TLS_PASSWORD")
        .hasMessageContaining("run `monosweep keystore --out " + dir + "`");
  }

  @Test
  void passwordFromTheEnvironmentStandsInForAMissingPasswordFile() throws Exception {
    Path dir = copyOf(lab, "keystore.p12", "truststore.p12");
    String password = new TlsFolder(lab).readPassword();
    UnaryOperator<String> env = name -> name.equals(ClusterTls.PASSWORD_ENV) ? password : null;

    Config tls = ClusterTls.overlay(dir, env);

    assertThat(tls.getString(ENGINE + "key-store-password")).isEqualTo(password);
  }

  @Test
  void folderWithoutKeystoreNamesTheFileAndTheFix() throws Exception {
    Path dir = copyOf(lab, "truststore.p12", "password");

    assertThatThrownBy(() -> ClusterTls.overlay(dir, NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no keystore.p12")
        .hasMessageContaining("run `monosweep keystore --out " + dir + "`");
  }

  @Test
  void missingFolderIsReportedWithTheFix() {
    Path dir = tmp.resolve("nowhere");

    assertThatThrownBy(() -> ClusterTls.overlay(dir, NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TLS folder " + dir + " does not exist")
        .hasMessageContaining("monosweep keystore --out");
  }

  @Test
  void passwordOfAnotherLabIsReportedBeforeAnyActorSystemStarts() throws Exception {
    Path dir = copyOf(lab, "keystore.p12", "truststore.p12");
    Files.copy(rogue.resolve("password"), dir.resolve("password"));

    assertThatThrownBy(() -> ClusterTls.overlay(dir, NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the password does not open " + dir.resolve("keystore.p12"));
  }

  @Test
  void truststoreThatDoesNotTrustTheKeystoresCertificateIsRejected() throws Exception {
    Path dir = copyOf(lab, "keystore.p12", "password");
    char[] labPassword = new TlsFolder(lab).readPassword().toCharArray();
    KeyStore rogueTrust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(rogue.resolve("truststore.p12"))) {
      rogueTrust.load(in, new TlsFolder(rogue).readPassword().toCharArray());
    }
    KeyStore mixed = KeyStore.getInstance("PKCS12");
    mixed.load(null, null);
    mixed.setCertificateEntry("lab", rogueTrust.getCertificate("lab"));
    try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
      mixed.store(out, labPassword);
    }

    assertThatThrownBy(() -> ClusterTls.overlay(dir, NO_ENV))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not trust the certificate in " + dir.resolve("keystore.p12"));
  }

  @Test
  void configureLeavesPlainTcpWhenNeitherOptionNorSettingNamesAFolder() {
    Config base = ConfigFactory.load();

    Config configured = ClusterTls.configure(base, null, NO_ENV);

    assertThat(base.getString(ClusterTls.DIR_SETTING)).isEmpty();
    assertThat(configured).isSameAs(base);
    assertThat(configured.getString("akka.remote.artery.transport")).isEqualTo("tcp");
  }

  @Test
  void configureTakesTheFolderFromMonosweepTlsDir() {
    Config base = ConfigFactory.load()
        .withValue(ClusterTls.DIR_SETTING, ConfigValueFactory.fromAnyRef(lab.toString()));

    Config configured = ClusterTls.configure(base, null, NO_ENV);

    assertThat(configured.getString("akka.remote.artery.transport")).isEqualTo("tls-tcp");
    assertThat(configured.getString(ENGINE + "key-store")).isEqualTo(lab.resolve("keystore.p12").toString());
  }

  @Test
  void tlsOptionWinsOverTheSetting() {
    Config base = ConfigFactory.load()
        .withValue(ClusterTls.DIR_SETTING, ConfigValueFactory.fromAnyRef(lab.toString()));

    Config configured = ClusterTls.configure(base, rogue, NO_ENV);

    assertThat(configured.getString(ENGINE + "key-store")).isEqualTo(rogue.resolve("keystore.p12").toString());
  }

  private Path copyOf(Path from, String... files) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("copy"));
    for (String file : files) {
      Files.copy(from.resolve(file), dir.resolve(file));
    }
    return dir;
  }
}
