/**
 * Thin adapters from diozero's {@code I2CDeviceInterface} and {@code SpiDeviceInterface} to the
 * ntpclock bus ports. Only {@link org.ntpclock.examples.hw.HardwareBuses} loads this package, and
 * only when real hardware is asked for.
 */
package org.ntpclock.examples.hw.diozero;
