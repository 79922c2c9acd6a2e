package org.openseek.trainer;

/**
 * Flags for the end-of-document (EOD) tokens inside packed samples, as Megatron-LM's
 * {@code --reset-position-ids}, {@code --reset-attention-mask} and {@code --eod-mask-loss} set
 * them.
 *
 * @param resetPositionIds position ids restart at 0 after every EOD token
 * @param resetAttentionMask a token attends only to earlier tokens of its own document
 * @param eodMaskLoss positions whose input token is EOD get no loss
 */
public record DocumentMasking(
    boolean resetPositionIds, boolean resetAttentionMask, boolean eodMaskLoss) {}
