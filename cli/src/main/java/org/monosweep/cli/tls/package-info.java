/**
 * Artery TLS for a monosweep lab: one lab key pair and self-signed certificate shared by every
 * member, which each member presents and is the only certificate each member trusts.
 * {@link org.monosweep.cli.tls.KeystoreCommand} ({@code monosweep keystore}) writes that material
 * into a TLS folder with the JDK's {@code keytool}; {@link org.monosweep.cli.tls.ClusterTls} turns
 * such a folder (from {@code --tls DIR} or {@code monosweep.tls.dir}) into the Akka config overlay
 * that switches Artery to {@code tls-tcp} with mutual authentication. The package-private
 * {@code TlsFolder} names the folder's files and reads its password; {@code LabKeystore} runs
 * {@code keytool}.
 */
package org.monosweep.cli.tls;
