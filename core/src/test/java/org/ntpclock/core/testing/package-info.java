/**
 * Test support published in the core test-jar: jqwik arbitraries for the core types and the
 * interop plumbing ({@link org.ntpclock.core.testing.RequiresTool}) every module's interop tests use.
 */
package org.ntpclock.core.testing;
