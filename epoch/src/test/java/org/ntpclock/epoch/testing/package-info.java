/**
 * Test support published in the epoch test-jar: jqwik arbitraries for GPS times, MicroPython
 * seconds and tuples ({@link org.ntpclock.epoch.testing.EpochArbitraries}) and
 * {@link org.ntpclock.epoch.testing.RequiresFile} for interop tests that read system files. It
 * uses the epoch and core types, JUnit and jqwik, and any module's tests may depend on it.
 */
package org.ntpclock.epoch.testing;
