/**
 * Post-processing of the benchmark and harness results: the JSON they wrote becomes Markdown tables
 * of ratios, a chart and the generated sections of {@code benchmarks/README.md}. It uses the JDK and
 * XChart only, never the code it reports on.
 */
package org.ntpclock.benchmarks.report;
