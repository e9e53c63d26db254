/** NTP packets on the wire, validation, authentication, and the client and server engines. */
module org.ntpclock.codec {
  requires transitive org.ntpclock.core;
  requires com.google.common;
  requires transitive java.management;

  exports org.ntpclock.codec;
  exports org.ntpclock.codec.auth;
  exports org.ntpclock.codec.client;
  exports org.ntpclock.codec.server;
}
