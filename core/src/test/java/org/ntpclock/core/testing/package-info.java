/**
 * Test support published in the core test-jar: jqwik arbitraries for the core types, allocation
 * checks, and the interop plumbing every module's interop tests use ({@link
 * org.ntpclock.core.testing.RequiresTool}, finding tools, running child processes with a hard
 * timeout, a throwaway chronyd). It uses the JDK, JUnit and jqwik only, so any module's tests may
 * depend on it.
 */
package org.ntpclock.core.testing;
