/**
 * refundkit's test kit: what a test of code that talks to Eko needs besides the code under test, in the spirit of
 * okhttp's mockwebserver. It depends on no adapter, so every module's tests can use it, the adapters' included.
 *
 * <ul>
 *   <li>Eko's published values as named constants: {@link io.refundkit.testkit.EkoUat} (UAT keys and agent),
 *       {@link io.refundkit.testkit.EkoSample} (the documented refund and its receipt),
 *       {@link io.refundkit.testkit.EkoReplies} (Eko's reply bodies), {@link io.refundkit.testkit.DemoTids} (the
 *       demo dataset's transactions, one per state).</li>
 *   <li>Socket-level peers: {@link io.refundkit.testkit.ScriptedPeer} (an "Eko" that answers what its script
 *       says, however hostile), {@link io.refundkit.testkit.RawClient} (hand-made, independently signed requests),
 *       {@link io.refundkit.testkit.FaultProxy} (a broken network between a client and a server), with
 *       {@link io.refundkit.testkit.HttpWire} framing.</li>
 *   <li>{@link io.refundkit.testkit.CapturingAppender}: the log lines of the test JVM.</li>
 * </ul>
 *
 * <p>A real Eko on loopback (the simulator behind an Eko server, with a client configured for it) is
 * {@code io.refundkit.sandbox.LoopbackEko} in {@code refund-sandbox}; the contract suites are {@code refund-tck}.
 */
package io.refundkit.testkit;
