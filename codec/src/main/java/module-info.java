/** NTP packets on the wire, authentication, the sans-I/O client and server engines, and their transports. */
module org.ntpclock.codec {
  requires transitive org.ntpclock.core;
  // Optional: TLS with a key exporter for NTS-KE on JDK 17..24 (JDK 25 has its own).
  requires static org.bouncycastle.tls;
  requires static org.bouncycastle.provider;
  requires transitive java.management;

  exports org.ntpclock.codec;
  exports org.ntpclock.codec.auth;
  exports org.ntpclock.codec.client;
  exports org.ntpclock.codec.nts;
  exports org.ntpclock.codec.server;
  exports org.ntpclock.codec.transport;
}
