/** The stack's state between runs: one JSON file, resources in the order they were created (dependencies
 * first), as the engine's checkpoint keeps them. */
import * as fs from "node:fs";
import * as path from "node:path";

export type Props = Record<string, unknown>;

export interface StoredResource {
  urn: string;
  type: string;
  name: string;
  /** false for the Stack and components: no provider owns them. */
  custom: boolean;
  id: string;
  parent: string;
  inputs: Props;
  outputs: Props;
  dependencies: string[];
  retainOnDelete: boolean;
  deleteBeforeReplace: boolean;
  /** Read with `get`, not managed: refreshed, never deleted (the engine only forgets it). */
  external?: boolean;
}

export interface StackState {
  resources: StoredResource[];
  /** The program's exports (the Stack resource's outputs). */
  outputs: Props;
}

export function readState(file: string): StackState {
  if (!fs.existsSync(file)) return { resources: [], outputs: {} };
  return JSON.parse(fs.readFileSync(file, "utf8"));
}

export function writeState(file: string, state: StackState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(state, null, 2)}\n`);
}

/** A failed `up` keeps what it did: the old state with the resources it created or changed replaced. */
export function mergeState(old: StackState, next: StackState): StackState {
  const changed = new Map(next.resources.map((r) => [r.urn, r]));
  const kept = old.resources.map((r) => changed.get(r.urn) ?? r);
  const added = next.resources.filter((r) => !old.resources.some((o) => o.urn === r.urn));
  return { resources: [...kept, ...added], outputs: old.outputs };
}
