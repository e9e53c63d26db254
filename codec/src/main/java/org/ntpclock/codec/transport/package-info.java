/**
 * Transports: the sockets and threads that carry the engines' datagrams, the JDK channel
 * transport for Java 17 and, in the multi-release jar's JDK 22 layer, the FFM transport with kernel
 * receive timestamps. May use the codec's engines, core and the JDK; nothing above them.
 */
package org.ntpclock.codec.transport;
