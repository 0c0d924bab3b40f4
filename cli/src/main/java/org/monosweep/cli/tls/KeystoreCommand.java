package org.monosweep.cli.tls;

import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code monosweep keystore --out DIR}: makes a lab's TLS material, one key pair and certificate
 * that every member of the lab presents and trusts, for Artery TLS with mutual authentication.
 * Public only so that {@code Main} in the parent package can list it as a subcommand.
 */
@Command(name = "keystore", mixinStandardHelpOptions = true,
    description = "Make a lab's TLS folder (keystore, truststore, password) for cluster TLS with mutual authentication.")
public final class KeystoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", required = true,
      description = "folder to write keystore.p12, truststore.p12, lab.crt and password into (created if missing)")
  Path out;

  @Option(names = "--lab", paramLabel = "NAME", defaultValue = "monosweep-lab",
      description = "the lab's name, written into the certificate (default: ${DEFAULT-VALUE})")
  String lab;

  @Option(names = "--validity-days", paramLabel = "DAYS", defaultValue = "825",
      description = "how long the certificate is valid (default: ${DEFAULT-VALUE})")
  int validityDays;

  @Option(names = "--force", description = "replace the files if DIR already holds a lab")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    try {
      LabKeystore.Written written = LabKeystore.create().generate(out, lab, validityDays, force);
      print(written, stdout);
      return 0;
    } catch (KeystoreException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 2;
    }
  }

  private static void print(LabKeystore.Written written, PrintWriter out) {
    TlsFolder folder = written.folder();
    String ownerOnly = written.posixPermissions() ? "  (owner only, 600)" : "  (restrict it to your user!)";
    out.printf("wrote the TLS folder of lab '%s' to %s%n", written.lab(), folder.dir());
    out.printf("  %-15s the lab's EC P-256 key pair and self-signed certificate%s%n", TlsFolder.KEYSTORE, ownerOnly);
    out.printf("  %-15s the lab certificate: the only one members accept%n", TlsFolder.TRUSTSTORE);
    out.printf("  %-15s the lab certificate in PEM (public)%n", TlsFolder.CERTIFICATE);
    out.printf("  %-15s the stores' random password%s%n", TlsFolder.PASSWORD, ownerOnly);
    out.printf("certificate valid until %s, SHA-256 fingerprint%n  %s%n",
        written.notAfter().atOffset(ZoneOffset.UTC).toLocalDate(), written.fingerprint());
    out.printf("copy the folder to every member over a private channel (e.g. scp -rp), then start each with%n");
    out.printf("  --tls %s%n", folder.dir());
    out.printf("or add this line to its application.conf:%n");
    out.printf("  %s = %s%n", ClusterTls.DIR_SETTING,
        ConfigValueFactory.fromAnyRef(folder.dir().toString()).render(ConfigRenderOptions.concise()));
    out.flush();
  }
}
