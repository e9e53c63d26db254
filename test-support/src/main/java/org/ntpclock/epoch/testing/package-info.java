/**
 * {@link org.ntpclock.epoch.testing.RequiresFile}, for interop tests that read system files such as
 * tzdata's leap-second list: skipped loudly when absent, failed under {@code
 * -Dinterop.required=true}. It uses the JDK and JUnit only and is never published.
 */
package org.ntpclock.epoch.testing;
