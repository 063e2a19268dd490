package ancc.compiler.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A layer's sensitivity to one tile kind's error model: that layer alone on the kind, every other
 * node exact, over the calibration set, averaged over chip instances (docs/partitioning.md).
 *
 * @param disagreement fraction of images whose top-1 class differs from FP32's
 * @param accuracyDrop FP32 top-1 minus simulated top-1 against the labels (fraction; may be negative)
 * @param logitNmse squared logit error over squared FP32 logits
 * @param kl mean KL divergence of the simulated softmax from FP32's (nats)
 */
@JsonPropertyOrder({"disagreement", "accuracy_drop", "logit_nmse", "kl"})
public record SensitivityScore(
    @JsonProperty("disagreement") double disagreement,
    @JsonProperty("accuracy_drop") double accuracyDrop,
    @JsonProperty("logit_nmse") double logitNmse,
    @JsonProperty("kl") double kl) {}
