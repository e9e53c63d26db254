package org.ntpclock.codec.nts;

import static org.ntpclock.core.internal.Preconditions.checkArgument;
import static org.ntpclock.core.internal.Preconditions.checkNotNull;

import java.util.Arrays;

/**
 * The two NTS keys of one association: client-to-server (C2S) and server-to-client (S2C), each as
 * long as the AEAD's key, and the AEAD they are for. A server puts them into its cookies; a client
 * keeps them next to its cookies.
 *
 * <p>Immutable: keys are copied in and out. {@link #toString()} does not print them.
 */
public final class NtsKeys {
  /** The TLS exporter label of RFC 8915 section 5.1. */
  public static final String EXPORTER_LABEL = "EXPORTER-network-time-security";

  private final AeadAlgorithm aead;
  private final byte[] c2s;
  private final byte[] s2c;

  private NtsKeys(AeadAlgorithm aead, byte[] c2s, byte[] s2c) {
    this.aead = aead;
    this.c2s = c2s;
    this.s2c = s2c;
  }

  /**
   * Keys given directly.
   *
   * @param aead the algorithm
   * @param c2s the client-to-server key, {@link AeadAlgorithm#keyLength()} octets; copied
   * @param s2c the server-to-client key, same length; copied
   * @return the keys
   */
  public static NtsKeys of(AeadAlgorithm aead, byte[] c2s, byte[] s2c) {
    checkNotNull(aead, "aead");
    checkArgument(c2s.length == aead.keyLength() && s2c.length == aead.keyLength(), "NTS keys for %s must be %s octets", aead, aead.keyLength());
    return new NtsKeys(aead, c2s.clone(), s2c.clone());
  }

  /**
   * Derives both keys from a finished NTS-KE handshake (RFC 8915 section 5.1): label
   * {@value #EXPORTER_LABEL}, context = protocol id (NTPv4, 0) as two octets, the AEAD id as two
   * octets, then 0x00 for C2S or 0x01 for S2C.
   *
   * @param exporter the TLS exporter
   * @param aead the negotiated algorithm
   * @return the keys
   * @throws NtsException if the exporter fails
   */
  public static NtsKeys derive(KeyExporter exporter, AeadAlgorithm aead) throws NtsException {
    byte[] c2s = exporter.export(EXPORTER_LABEL, context(aead, 0), aead.keyLength());
    byte[] s2c = exporter.export(EXPORTER_LABEL, context(aead, 1), aead.keyLength());
    if (c2s.length != aead.keyLength() || s2c.length != aead.keyLength()) {
      throw new NtsException(NtsException.Reason.TLS_FAILURE, "TLS exporter returned keys of the wrong length");
    }
    return new NtsKeys(aead, c2s, s2c);
  }

  /**
   * The exporter context for one direction.
   *
   * @param aead the algorithm
   * @param direction 0 for client-to-server, 1 for server-to-client
   * @return five octets
   */
  static byte[] context(AeadAlgorithm aead, int direction) {
    return new byte[] {0, (byte) NtsKeRecord.PROTOCOL_NTPV4, (byte) (aead.id() >>> 8), (byte) aead.id(), (byte) direction};
  }

  /**
   * The algorithm.
   *
   * @return the AEAD
   */
  public AeadAlgorithm aead() {
    return aead;
  }

  /**
   * The client-to-server key.
   *
   * @return a copy
   */
  public byte[] c2s() {
    return c2s.clone();
  }

  /**
   * The server-to-client key.
   *
   * @return a copy
   */
  public byte[] s2c() {
    return s2c.clone();
  }

  @Override
  public boolean equals(Object obj) {
    return obj instanceof NtsKeys && ((NtsKeys) obj).aead == aead && Arrays.equals(((NtsKeys) obj).c2s, c2s)
        && Arrays.equals(((NtsKeys) obj).s2c, s2c);
  }

  @Override
  public int hashCode() {
    return aead.hashCode() * 31 + Arrays.hashCode(c2s);
  }

  /** The algorithm only: keys are secret. */
  @Override
  public String toString() {
    return "NtsKeys[" + aead + "]";
  }
}
