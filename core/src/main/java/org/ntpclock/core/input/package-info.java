/**
 * Reading untrusted input safely: streams and files are read with a size bound before anything
 * parses them (FIFOs, devices and directories are refused by name), and untrusted text is made safe
 * to quote in a message. Uses the JDK only.
 */
package org.ntpclock.core.input;
