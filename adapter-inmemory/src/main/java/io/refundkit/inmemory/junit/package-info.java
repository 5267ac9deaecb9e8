/**
 * JUnit 5 support for the simulator: {@link io.refundkit.inmemory.junit.EkoSimulatorExtension} hands each test a
 * fresh, demo-seeded {@link io.refundkit.inmemory.InMemoryEko} and its {@link io.refundkit.inmemory.ManualClock}.
 * JUnit is an optional dependency of this module: only consumers of this package need it on their class path.
 */
package io.refundkit.inmemory.junit;
