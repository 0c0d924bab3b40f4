/**
 * The GAN methods: MonoGAN (WGAN-GP with the encoder as critic) and BiGAN (encoder, generator
 * and joint discriminator). {@link org.monosweep.trainer.methods.gan.GanTrainers} makes their
 * {@link org.monosweep.trainer.train.MethodTrainer}s and
 * {@link org.monosweep.spec.MethodParams} declares their hyperparameters; both share
 * one epoch loop ({@code GanLoop}) that reads losses, fails a diverged cell and flags mode
 * collapse. The WGAN-GP penalty's parameter gradient comes from first-order passes (a forward-mode
 * pass through the ReLU critic's linearisation, {@code GradientPenalty}), exact and with flat
 * memory where DJL's double backward leaks.
 * {@link org.monosweep.trainer.methods.gan.GanBench} measures their speed and memory.
 */
package org.monosweep.trainer.methods.gan;
