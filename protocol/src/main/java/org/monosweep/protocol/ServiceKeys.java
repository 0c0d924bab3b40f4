package org.monosweep.protocol;

import akka.actor.typed.delivery.ConsumerController;
import akka.actor.typed.receptionist.ServiceKey;

/** The Receptionist keys that coordinator and nodes find each other by. */
public final class ServiceKeys {
  /**
   * Every worker slot registers its {@code ConsumerController} under this key; the
   * coordinator's work-pulling producer discovers slots through it.
   */
  public static final ServiceKey<ConsumerController.Command<RunCell>> CELL_WORKERS =
      ServiceKey.create(ConsumerController.serviceKeyClass(), "monosweep-cell-workers");

  private ServiceKeys() {}
}
