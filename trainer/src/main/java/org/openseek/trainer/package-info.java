/**
 * Pretraining of decoder-only transformer language models on DJL's PyTorch engine, in fp32:
 * settings ({@link org.openseek.trainer.TrainSettings}), the model
 * ({@link org.openseek.trainer.GptModel}), AdamW with global-norm clipping and a warm-up plus
 * cosine schedule, Megatron-style document masking of packed samples, the training loop
 * ({@link org.openseek.trainer.Trainer}), and checkpoints
 * ({@link org.openseek.trainer.Checkpoints}) that a restarted run resumes from.
 */
package org.openseek.trainer;
