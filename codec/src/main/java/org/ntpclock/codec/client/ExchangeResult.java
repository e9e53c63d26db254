package org.ntpclock.codec.client;

/**
 * The typed outcome of a client exchange or query: a {@link TimeSample} or an
 * {@link ExchangeFailure}. Switch on the type, or use {@link #isSuccess()}.
 */
public sealed interface ExchangeResult permits TimeSample, ExchangeFailure {
  /**
   * Whether this is a usable sample.
   *
   * @return true for a {@link TimeSample}
   */
  default boolean isSuccess() {
    return this instanceof TimeSample;
  }
}
