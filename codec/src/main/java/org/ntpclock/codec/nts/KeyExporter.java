package org.ntpclock.codec.nts;

/**
 * The TLS exporter of a finished TLS 1.3 handshake (RFC 8446 section 7.5, RFC 5705): the one thing
 * NTS needs from TLS besides the byte stream. The transport implements it on whatever TLS stack it
 * runs.
 */
@FunctionalInterface
public interface KeyExporter {
  /**
   * Exports keying material.
   *
   * @param label the exporter label
   * @param context the context value
   * @param length octets wanted
   * @return the keying material
   * @throws NtsException {@link NtsException.Reason#TLS_FAILURE} if the TLS stack refuses
   */
  byte[] export(String label, byte[] context, int length) throws NtsException;
}
