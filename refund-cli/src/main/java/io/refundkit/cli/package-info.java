/**
 * The {@code refund} command line and the composition root that wires the use cases to Eko or the simulator.
 * {@link io.refundkit.cli.RefundCli} is the entry point ({@code java -jar refund.jar}, or refund-cli's jar with
 * classifier {@code runnable}); every command, option and exit code is in docs/cli.md. Nothing else here is API.
 */
package io.refundkit.cli;
