/**
 * Test support published in the codec test-jar: jqwik arbitraries for packets, extension fields,
 * MACs and datagrams, for other modules' property suites (engines, benchmarks).
 */
package org.ntpclock.codec.testing;
