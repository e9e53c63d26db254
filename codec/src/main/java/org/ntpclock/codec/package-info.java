/** NTP packets on the wire: decode, encode, validation and authentication. */
package org.ntpclock.codec;
