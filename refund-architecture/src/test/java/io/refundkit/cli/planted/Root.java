package io.refundkit.cli.planted;

/** Stands for the composition root in planted violations. */
public class Root {}
