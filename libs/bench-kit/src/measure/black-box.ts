/**
 * A sink for values computed by benchmarks, so the optimiser cannot prove them unused and delete
 * the work (mitata's `do_not_optimize`, Criterion's `black_box`). Writing to a module-level slot
 * that is read back through an exported getter is opaque enough for V8: it cannot see every reader.
 */
let slot: unknown;

export function blackBox<T>(value: T): T {
  slot = value;
  return value;
}

/** Last value stored; exported so the slot is observable (and therefore not dead). */
export function lastSunk(): unknown {
  return slot;
}
