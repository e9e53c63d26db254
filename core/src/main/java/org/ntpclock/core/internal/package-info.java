/**
 * Implementation helpers shared by the ntpclock modules: precondition checks. It uses the JDK only,
 * and is exported only to the other ntpclock modules, never as API.
 */
package org.ntpclock.core.internal;
