/**
 * Thin adapters from diozero's {@code I2CDeviceInterface} and {@code SpiDeviceInterface} to the
 * rtc-spi bus ports. They use diozero and the rtc-spi bus interfaces only, and only
 * {@link org.ntpclock.drivers.HardwareBuses} loads them, when real hardware is asked for.
 */
package org.ntpclock.drivers.diozero;
