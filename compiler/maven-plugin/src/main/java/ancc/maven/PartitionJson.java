package ancc.maven;

import ancc.compiler.partition.PartitionSummary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;

/**
 * {@code partition.json}: what the partitioner decided and measured ({@link PartitionSummary}: the
 * strategy, budget, predicted and measured drop, one decision per layer or channel group, and the
 * energy and top-1 of every fixed strategy), as indented JSON with the record's field names.
 */
final class PartitionJson {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private PartitionJson() {}

  static byte[] render(PartitionSummary summary) {
    try {
      return (JSON.writeValueAsString(summary) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render the partition summary: " + e.getOriginalMessage(), e);
    }
  }
}
