package org.monosweep.cli.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates a lab's TLS material with the JDK's {@code keytool}: an EC P-256 key pair with a
 * self-signed certificate (usable as TLS server and client), a truststore holding only that
 * certificate, and a random password. Everything is made in a private staging folder inside the
 * target and moved into place only when all of it succeeded, so a failure leaves no half lab.
 */
final class LabKeystore {
  /** Lab names go into the certificate's distinguished name: no commas, quotes or spaces. */
  private static final Pattern LAB_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final int MAX_VALIDITY_DAYS = 3650;
  /** keytool reads the password from this variable of its own environment, never from argv. */
  private static final String PASSWORD_VARIABLE = "MONOSWEEP_KEYTOOL_PASSWORD";
  private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
  private static final long KEYTOOL_TIMEOUT_SECONDS = 120;

  private final Path keytool;
  private final SecureRandom random;

  private LabKeystore(Path keytool, SecureRandom random) {
    this.keytool = keytool;
    this.random = random;
  }

  /** Uses {@code keytool} of the JDK this JVM runs on. */
  static LabKeystore create() {
    return create(Path.of(System.getProperty("java.home")), new SecureRandom());
  }

  /** Uses {@code keytool} under {@code javaHome/bin} and {@code random} for the password. */
  static LabKeystore create(Path javaHome, SecureRandom random) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    return new LabKeystore(javaHome.resolve("bin").resolve(windows ? "keytool.exe" : "keytool"), random);
  }

  /** What was written, for the report the command prints. */
  record Written(TlsFolder folder, String lab, String fingerprint, Instant notAfter, boolean posixPermissions) {}

  /**
   * Writes the lab's files into {@code out} (created owner-only if missing).
   *
   * @throws KeystoreException if the name or validity is invalid, the files exist and
   *     {@code force} is off, {@code keytool} is missing or fails, or a file cannot be written
   */
  Written generate(Path out, String lab, int validityDays, boolean force) {
    if (!LAB_NAME.matcher(lab).matches()) {
      throw new KeystoreException("--lab '" + lab + "' is not a valid lab name: use 1-64 letters, digits, '.', '_' or '-'");
    }
    if (validityDays < 1 || validityDays > MAX_VALIDITY_DAYS) {
      throw new KeystoreException("--validity-days " + validityDays + " is out of range: use 1 to " + MAX_VALIDITY_DAYS);
    }
    TlsFolder folder = new TlsFolder(out);
    List<Path> existing = folder.files().stream().filter(Files::exists).toList();
    if (!existing.isEmpty() && !force) {
      throw new KeystoreException(folder.dir() + " already holds " + names(existing)
          + ": pass --force to replace them (members still using the old files can then no longer join)");
    }
    if (!Files.isExecutable(keytool)) {
      throw new KeystoreException("no keytool at " + keytool + ": this java is not a full JDK; install one "
          + "(e.g. apt-get install openjdk-17-jdk-headless) and run monosweep with its java");
    }
    boolean posix = createFolder(folder.dir());
    Path staging = createStaging(folder.dir());
    try {
      String password = newPassword();
      TlsFolder staged = new TlsFolder(staging);
      makeStores(staged, lab, validityDays, password);
      writePassword(staged.password(), password, posix);
      if (posix) {
        setPermissions(staged.keystore(), OWNER_ONLY_FILE);
      }
      Written written = describe(folder, staged, lab, password, posix);
      for (int i = 0; i < staged.files().size(); i++) {
        move(staged.files().get(i), folder.files().get(i));
      }
      return written;
    } finally {
      deleteRecursively(staging);
    }
  }

  private void makeStores(TlsFolder staged, String lab, int validityDays, String password) {
    keytool("generate the lab key pair", password, staged.keystore(),
        "-genkeypair", "-alias", TlsFolder.ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
        "-sigalg", "SHA256withECDSA", "-validity", Integer.toString(validityDays),
        "-dname", "CN=monosweep lab " + lab + ", O=monosweep",
        // Both ends of a connection present this certificate: it is a TLS server and a client.
        "-ext", "KeyUsage:critical=digitalSignature",
        "-ext", "ExtendedKeyUsage=serverAuth,clientAuth");
    keytool("export the lab certificate", password, staged.keystore(),
        "-exportcert", "-rfc", "-alias", TlsFolder.ALIAS, "-file", staged.certificate().toString());
    keytool("build the truststore", password, staged.truststore(),
        "-importcert", "-noprompt", "-alias", TlsFolder.ALIAS, "-file", staged.certificate().toString());
  }

  /** Runs one keytool command on {@code store}; the password reaches keytool through its environment. */
  private void keytool(String step, String password, Path store, String... args) {
    List<String> command = new ArrayList<>();
    command.add(keytool.toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-keystore", store.toString(), "-storetype", TlsFolder.STORE_TYPE,
        "-storepass:env", PASSWORD_VARIABLE));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put(PASSWORD_VARIABLE, password);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output;
      try (InputStream in = process.getInputStream()) {
        output = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new KeystoreException("keytool did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s (" + step + ")");
      }
      if (process.exitValue() != 0) {
        throw new KeystoreException("keytool failed to " + step + " (exit " + process.exitValue() + "): " + output);
      }
    } catch (IOException e) {
      throw new KeystoreException("cannot run " + keytool + " to " + step + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KeystoreException("interrupted while keytool was running (" + step + ")", e);
    }
  }

  /** 256 random bits, URL-safe Base64: printable, no quoting needed in HOCON or a shell. */
  private String newPassword() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static Written describe(TlsFolder target, TlsFolder staged, String lab, String password, boolean posix) {
    try (InputStream in = Files.newInputStream(staged.truststore())) {
      KeyStore trust = KeyStore.getInstance(TlsFolder.STORE_TYPE);
      trust.load(in, password.toCharArray());
      X509Certificate cert = (X509Certificate) trust.getCertificate(TlsFolder.ALIAS);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
      String fingerprint = HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
      return new Written(target, lab, fingerprint, cert.getNotAfter().toInstant(), posix);
    } catch (IOException | GeneralSecurityException e) {
      throw new KeystoreException("keytool wrote a truststore that cannot be read back: " + e.getMessage(), e);
    }
  }

  /** Creates the folder (owner-only when new); returns whether the file system has POSIX permissions. */
  private static boolean createFolder(Path dir) {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (Files.exists(dir) && !Files.isDirectory(dir)) {
        throw new KeystoreException(dir + " exists and is not a folder: choose another --out");
      }
      if (!Files.exists(dir)) {
        FileAttribute<?>[] attributes = posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR)}
            : new FileAttribute<?>[0];
        Files.createDirectories(dir, attributes);
      }
      return posix;
    } catch (IOException e) {
      throw new KeystoreException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A private (owner-only on POSIX) folder on the same file system, so the final moves are renames. */
  private static Path createStaging(Path dir) {
    try {
      return Files.createTempDirectory(dir, ".keystore-");
    } catch (IOException e) {
      throw new KeystoreException("cannot write into " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void writePassword(Path file, String password, boolean posix) {
    try {
      // Created with owner-only permissions, so the password is never readable by others, not even briefly.
      FileAttribute<?>[] attributes = posix
          ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
          : new FileAttribute<?>[0];
      Files.createFile(file, attributes);
      Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    } catch (FileAlreadyExistsException e) {
      throw new KeystoreException("staging file " + file + " exists unexpectedly", e);
    } catch (IOException e) {
      throw new KeystoreException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void setPermissions(Path file, Set<PosixFilePermission> permissions) {
    try {
      Files.setPosixFilePermissions(file, permissions);
    } catch (IOException e) {
      throw new KeystoreException("cannot restrict " + file + " to its owner: " + e.getMessage(), e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KeystoreException("cannot move " + from + " to " + to + ": " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Best effort: the staging folder is owner-only and holds at most a half-made lab.
    }
  }

  private static String names(List<Path> paths) {
    return String.join(", ", paths.stream().map(p -> p.getFileName().toString()).toList());
  }
}
