package org.example.consumer;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.ntpclock.codec.client.ExchangeResult;
import org.ntpclock.codec.client.TimeSample;
import org.ntpclock.codec.transport.SntpClient;

/** The downstream code under test: asks one server for its offset. */
public final class ClientUnderTest {
  private ClientUnderTest() {}

  /**
   * How far the server's clock is ahead of this one.
   *
   * @param server the server
   * @return the measured offset
   * @throws IllegalStateException if the server gave no valid sample
   */
  public static Duration offsetOf(InetSocketAddress server) {
    ExchangeResult result = SntpClient.builder(Duration.ofSeconds(5)).retries(2).build().query(server);
    if (result instanceof TimeSample sample) {
      return sample.offset().toDuration();
    }
    throw new IllegalStateException("no sample from " + server + ": " + result);
  }
}
