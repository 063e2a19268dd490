package ancc.compiler.partition;

import ancc.compiler.driver.Compilation;

/** The chosen partition compiled, and what the partitioner measured and decided. */
public record PartitionResult(Compilation compilation, PartitionSummary summary) {}
