/**
 * Test support for code that uses ntpclock: a programmable fake NTP server on loopback with a JUnit
 * 5 extension, jqwik arbitraries for the library's value types and a manually driven real-time
 * clock. It uses the ntpclock library modules, JUnit Jupiter's extension API and jqwik; add it in
 * test scope only.
 */
package org.ntpclock.testing;
