package org.monosweep.cli.tls;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns a lab's TLS folder (made by {@code monosweep keystore}) into the Akka config that runs
 * Artery over TLS 1.3 with mutual authentication: every member presents the lab certificate and
 * accepts only peers that present a certificate from the folder's truststore, so a node without
 * the lab's files cannot connect, let alone join.
 *
 * <p>The folder is checked before any {@code ActorSystem} starts: missing files, a wrong
 * password, stores from different labs and an expired certificate are reported as an
 * {@link IllegalArgumentException} whose message names the problem and the fix, rather than as
 * a handshake failure in Akka's log once the cluster is already starting.
 */
public final class ClusterTls {
  /** Config path of the TLS folder; empty (the default) means plain TCP. */
  public static final String DIR_SETTING = "monosweep.tls.dir";
  /** Environment variable that, when set, is the password instead of the folder's password file. */
  public static final String PASSWORD_ENV = "MONOSWEEP_TLS_PASSWORD";
  /** TLS protocol version Artery is restricted to. */
  static final String PROTOCOL = "TLSv1.3";
  /** TLS 1.3 cipher suites, AES-GCM only. */
  static final List<String> CIPHER_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256");

  private static final String ENGINE = "akka.remote.artery.ssl.config-ssl-engine.";

  private ClusterTls() {}

  /**
   * The Artery TLS settings for the lab folder {@code dir}, to be put in front of the node's
   * config: {@code ClusterTls.overlay(dir).withFallback(config)}. The password is
   * {@value #PASSWORD_ENV} when that is set, otherwise the folder's {@code password} file.
   *
   * @throws IllegalArgumentException if the folder is missing, incomplete or unusable; the
   *     message names the file and the fix (for a new lab: {@code monosweep keystore --out DIR})
   */
  public static Config overlay(Path dir) {
    return overlay(dir, System::getenv);
  }

  /**
   * {@code config} with TLS switched on when a folder is given: {@code tlsOption} (the
   * {@code --tls DIR} option, may be {@code null}) wins over {@value #DIR_SETTING}; with neither,
   * {@code config} is returned unchanged (plain TCP).
   *
   * @throws IllegalArgumentException as {@link #overlay(Path)} does
   */
  public static Config configure(Config config, Path tlsOption) {
    return configure(config, tlsOption, System::getenv);
  }

  static Config configure(Config config, Path tlsOption, UnaryOperator<String> env) {
    if (tlsOption != null) {
      return overlay(tlsOption, env).withFallback(config);
    }
    String setting = config.hasPath(DIR_SETTING) ? config.getString(DIR_SETTING).strip() : "";
    return setting.isEmpty() ? config : overlay(Path.of(setting), env).withFallback(config);
  }

  static Config overlay(Path dir, UnaryOperator<String> env) {
    TlsFolder folder = new TlsFolder(dir);
    String fix = "run `monosweep keystore --out " + folder.dir() + "` for a new lab, "
        + "or copy the whole TLS folder of your lab (all four files) from the machine that made it";
    if (!Files.isDirectory(folder.dir())) {
      throw new IllegalArgumentException("TLS folder " + folder.dir() + " does not exist: " + fix);
    }
    for (Path store : List.of(folder.keystore(), folder.truststore())) {
      if (!Files.isRegularFile(store)) {
        throw new IllegalArgumentException("TLS folder " + folder.dir() + " has no " + store.getFileName()
            + ": " + fix);
      }
    }
    String password = password(folder, env, fix);
    KeyStore keys = load(folder.keystore(), password, fix);
    KeyStore trusted = load(folder.truststore(), password, fix);
    checkConsistent(folder, keys, trusted, fix);

    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("akka.remote.artery.transport", "tls-tcp");
    settings.put("akka.remote.artery.ssl.ssl-engine-provider", "akka.remote.artery.tcp.ConfigSSLEngineProvider");
    settings.put(ENGINE + "key-store", folder.keystore().toString());
    settings.put(ENGINE + "trust-store", folder.truststore().toString());
    settings.put(ENGINE + "key-store-password", password);
    settings.put(ENGINE + "key-password", password);
    settings.put(ENGINE + "trust-store-password", password);
    settings.put(ENGINE + "protocol", PROTOCOL);
    settings.put(ENGINE + "enabled-algorithms", CIPHER_SUITES);
    settings.put(ENGINE + "random-number-generator", "");
    settings.put(ENGINE + "require-mutual-authentication", true);
    // The one lab certificate names no host: a peer is authenticated by the certificate alone.
    settings.put(ENGINE + "hostname-verification", false);
    // Restated here so that TLS never ships with an application.conf that turned it back on.
    settings.put("akka.actor.allow-java-serialization", false);
    return ConfigFactory.parseMap(settings, "monosweep TLS folder " + folder.dir());
  }

  private static String password(TlsFolder folder, UnaryOperator<String> env, String fix) {
    String fromEnv = env.apply(PASSWORD_ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.strip();
    }
    if (!Files.isRegularFile(folder.password())) {
      throw new IllegalArgumentException("TLS folder " + folder.dir() + " has no password file and "
          + PASSWORD_ENV + " is not set: copy the lab's password file into " + folder.dir()
          + ", or set " + PASSWORD_ENV + "; or " + fix);
    }
    String password = folder.readPassword();
    if (password.isEmpty()) {
      throw new IllegalArgumentException(folder.password() + " is empty: " + fix);
    }
    return password;
  }

  private static KeyStore load(Path file, String password, String fix) {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(TlsFolder.STORE_TYPE);
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException e) {
      if (e.getCause() instanceof UnrecoverableKeyException) {
        throw new IllegalArgumentException("the password does not open " + file
            + " (the password file or " + PASSWORD_ENV + " belongs to another lab): " + fix, e);
      }
      throw new IllegalArgumentException("cannot read " + file + " as a " + TlsFolder.STORE_TYPE
          + " store: " + e.getMessage() + "; " + fix, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage() + "; " + fix, e);
    }
  }

  /** The keystore holds a valid key whose certificate chain the truststore accepts. */
  private static void checkConsistent(TlsFolder folder, KeyStore keys, KeyStore trusted, String fix) {
    try {
      X509Certificate own = null;
      Set<Certificate> chain = new HashSet<>();
      for (String alias : Collections.list(keys.aliases())) {
        if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate cert) {
          own = cert;
          chain.addAll(List.of(keys.getCertificateChain(alias)));
          break;
        }
      }
      if (own == null) {
        throw new IllegalArgumentException(folder.keystore() + " holds no private key: " + fix);
      }
      boolean trustsOwn = false;
      for (String alias : Collections.list(trusted.aliases())) {
        trustsOwn |= trusted.isCertificateEntry(alias) && chain.contains(trusted.getCertificate(alias));
      }
      if (!trustsOwn) {
        throw new IllegalArgumentException(folder.truststore() + " does not trust the certificate in "
            + folder.keystore() + " (the two files come from different labs): " + fix);
      }
      own.checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new IllegalArgumentException("the lab certificate in " + folder.keystore() + " is not valid now ("
          + e.getMessage() + "): make a new lab with `monosweep keystore --out " + folder.dir()
          + " --force` and give it to every member", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the entries of " + folder.keystore() + ": " + e.getMessage(), e);
    }
  }
}
