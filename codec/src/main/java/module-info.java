/** NTP packets on the wire, authentication, the sans-I/O client and server engines, and their transports. */
module org.ntpclock.codec {
  requires transitive org.ntpclock.core;
  requires com.google.common;
  requires transitive java.management;

  exports org.ntpclock.codec;
  exports org.ntpclock.codec.auth;
  exports org.ntpclock.codec.client;
  exports org.ntpclock.codec.server;
  exports org.ntpclock.codec.transport;
}
