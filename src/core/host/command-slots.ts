/**
 * The commands this thread has running, written where its parent thread can read them after it is gone. A check
 * runs in a worker thread its parent terminates at its time limit; the commands it had started (each leading a
 * process group of its own) are processes of the same program, so nothing ends them with the thread: the parent
 * reads their pids from this shared memory (which survives the thread) and kills them itself.
 */

/** A slot's value: free, a spawn under way (its pid not yet known), else the pid of a running command. */
const FREE = 0;
const SPAWNING = -1;
/** Slot 0 counts commands that found no free slot (then the parent cannot know every pid). */
const OVERFLOW = 0;

/** Slots for this many commands at once (a check runs a few dozen at most). */
export const COMMAND_SLOTS = 256;

let slots: Int32Array | null = null;

/** Shared memory for the commands of one check thread (the parent keeps it and passes it to the thread). */
export function newCommandSlots(): SharedArrayBuffer {
  return new SharedArrayBuffer((COMMAND_SLOTS + 1) * Int32Array.BYTES_PER_ELEMENT);
}

/** Records every command this thread starts from now on in `buffer` (a check thread does this first). */
export function recordCommandsIn(buffer: SharedArrayBuffer): void {
  slots = new Int32Array(buffer);
}

/** Called just before a spawn: a slot marked as spawning (so a thread stopped before the pid is known is noticed). */
export function claimCommandSlot(): number {
  if (!slots) return -1;
  for (let i = 1; i < slots.length; i++) if (Atomics.compareExchange(slots, i, FREE, SPAWNING) === FREE) return i;
  Atomics.add(slots, OVERFLOW, 1);
  return -1;
}

/** The spawned command's pid (or, when it did not start, the slot freed). */
export function recordCommandPid(slot: number, pid: number | undefined): void {
  if (slots && slot > 0) Atomics.store(slots, slot, pid ?? FREE);
}

/** The command has ended: its slot is free again. */
export function releaseCommandSlot(slot: number): void {
  if (slots && slot > 0) Atomics.store(slots, slot, FREE);
}

/** What a stopped thread left running: the pids it recorded, and whether a command may have gone unrecorded. */
export function commandsLeft(buffer: SharedArrayBuffer): { readonly pids: readonly number[]; readonly unrecorded: boolean } {
  const s = new Int32Array(buffer);
  const pids: number[] = [];
  let unrecorded = Atomics.load(s, OVERFLOW) > 0;
  for (let i = 1; i < s.length; i++) {
    const v = Atomics.load(s, i);
    if (v > 0) pids.push(v);
    else if (v === SPAWNING) unrecorded = true;
  }
  return { pids, unrecorded };
}
